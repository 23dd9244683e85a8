import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durationOption, formatOption, parseArgs } from '../src/args';
import { CliError, EXIT } from '../src/errors';
import { VERSION } from '../src/version';

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT.usage);
    return (err as CliError).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('accepts options before or after the command, in both spellings', () => {
    expect(
      parseArgs(['--url', 'https://g', 'credentials', 'a/b', '--format=env', '--duration', '1h']),
    ).toEqual({
      command: 'credentials',
      positionals: ['a/b'],
      rest: [],
      options: { url: 'https://g', format: 'env', duration: '1h' },
    });
  });

  it('hands everything after the exec target to the command, options included', () => {
    const a = parseArgs(['exec', 'a/b', '--', 'aws', 's3', 'ls', '--recursive']);
    expect(a.rest).toEqual(['aws', 's3', 'ls', '--recursive']);
    const b = parseArgs(['exec', '--duration', '900', 'a/b', 'aws', '--debug']);
    expect(b).toMatchObject({ positionals: ['a/b'], rest: ['aws', '--debug'], options: { duration: '900' } });
    expect(usageError(['exec', 'a/b'])).toMatch(/needs a command/);
  });

  it('refuses unknown commands and options, and options of other commands', () => {
    expect(usageError(['nope'])).toMatch(/unknown command "nope"/);
    expect(usageError(['roles', '--frobnicate'])).toMatch(/unknown option --frobnicate/);
    expect(usageError(['roles', '--format', 'env'])).toMatch(/--format does not apply to `gatehouse roles`/);
    expect(usageError(['credentials'])).toMatch(/needs ACCOUNT\/ROLE/);
    expect(usageError(['credentials', 'a/b', 'c/d'])).toMatch(/unexpected argument "c\/d"/);
    expect(usageError(['login', '--url'])).toMatch(/--url needs a value/);
    expect(usageError([])).toMatch(/no command/);
  });

  it('parses durations and formats', () => {
    const d = (v: string) => durationOption(parseArgs(['credentials', 'a/b', '--duration', v]));
    expect([d('3600'), d('1h'), d('90m'), d('1h30m'), d('900s')]).toEqual([3600, 3600, 5400, 5400, 900]);
    expect(() => d('soon')).toThrow(/--duration/);
    expect(() => d('0')).toThrow(/--duration/);
    expect(formatOption(parseArgs(['credentials', 'a/b']))).toBe('process');
    expect(() => formatOption(parseArgs(['credentials', 'a/b', '--format', 'yaml']))).toThrow(
      /--format: expected one of/,
    );
  });

  it('knows its version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});
