/** A small, strict argument parser: options anywhere, `--opt value` or `--opt=value`. */
import { CREDENTIAL_FORMATS, isCredentialFormat } from '@gatehouse/contracts/credential-formats';
import type { CredentialFormat } from '@gatehouse/contracts/credential-formats';
import { usage } from './errors';

export const COMMANDS = [
  'login',
  'logout',
  'whoami',
  'roles',
  'credentials',
  'configure',
  'console',
  'exec',
] as const;
export type Command = (typeof COMMANDS)[number];

export type Format = CredentialFormat;

interface OptionSpec {
  takesValue: boolean;
  /** Commands that accept it; 'all' for global options. */
  commands: readonly Command[] | 'all';
}

const OPTIONS: Record<string, OptionSpec> = {
  url: { takesValue: true, commands: 'all' },
  debug: { takesValue: false, commands: 'all' },
  help: { takesValue: false, commands: 'all' },
  version: { takesValue: false, commands: 'all' },
  json: { takesValue: false, commands: ['whoami', 'roles'] },
  'no-browser': { takesValue: false, commands: ['login'] },
  duration: { takesValue: true, commands: ['credentials', 'exec', 'console'] },
  format: { takesValue: true, commands: ['credentials'] },
  'no-cache': { takesValue: false, commands: ['credentials', 'exec'] },
  'dry-run': { takesValue: false, commands: ['configure'] },
  prefix: { takesValue: true, commands: ['configure'] },
  command: { takesValue: true, commands: ['configure'] },
  service: { takesValue: true, commands: ['console'] },
  region: { takesValue: true, commands: ['console'] },
  print: { takesValue: false, commands: ['console'] },
};

const SHORT: Record<string, string> = { h: 'help', V: 'version' };

/** How many positionals each command takes (exec: the target, then the command to run). */
const POSITIONALS: Record<Command, number> = {
  login: 0,
  logout: 0,
  whoami: 0,
  roles: 0,
  credentials: 1,
  configure: 0,
  console: 1,
  exec: 1,
};

export interface ParsedArgs {
  command: Command | null;
  positionals: string[];
  /** `gatehouse exec TARGET -- CMD ARGS…`: CMD ARGS…, untouched. */
  rest: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: null, positionals: [], rest: [], options: {} };
  let helpTopic = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      const remaining = argv.slice(i + 1);
      if (parsed.command === 'exec') parsed.rest = [...remaining];
      else parsed.positionals.push(...remaining);
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      let name: string;
      let inline: string | undefined;
      if (arg.startsWith('--')) {
        const eq = arg.indexOf('=');
        name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
        inline = eq === -1 ? undefined : arg.slice(eq + 1);
      } else {
        const short = SHORT[arg.slice(1)];
        if (!short) throw usage(`unknown option ${arg}`);
        name = short;
      }
      const spec = OPTIONS[name];
      if (!spec) throw usage(`unknown option --${name}`);
      if (spec.takesValue) {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith('--'))) {
          throw usage(`--${name} needs a value`);
        }
        parsed.options[name] = value;
      } else {
        if (inline !== undefined) throw usage(`--${name} takes no value`);
        parsed.options[name] = true;
      }
      continue;
    }
    if (parsed.command === null) {
      if (arg === 'help') {
        helpTopic = true;
        parsed.options['help'] = true;
        continue;
      }
      if (!(COMMANDS as readonly string[]).includes(arg)) throw usage(`unknown command "${arg}"`);
      parsed.command = arg as Command;
      continue;
    }
    if (parsed.command === 'exec' && parsed.positionals.length >= 1) {
      // Everything after the target belongs to the command being run, options included.
      parsed.rest = argv.slice(i);
      break;
    }
    parsed.positionals.push(arg);
  }
  if (helpTopic || parsed.options['help'] || parsed.options['version']) return parsed;

  const command = parsed.command;
  for (const name of Object.keys(parsed.options)) {
    const allowed = OPTIONS[name]?.commands;
    if (allowed !== 'all' && (command === null || !allowed?.includes(command))) {
      throw usage(
        `--${name} does not apply to ${command ? `\`gatehouse ${command}\`` : 'gatehouse without a command'}`,
      );
    }
  }
  if (command === null) throw usage('no command given');
  const want = POSITIONALS[command];
  if (parsed.positionals.length < want) throw usage(`\`gatehouse ${command}\` needs ACCOUNT/ROLE`);
  if (parsed.positionals.length > want) {
    throw usage(`unexpected argument "${parsed.positionals[want] as string}" for \`gatehouse ${command}\``);
  }
  if (command === 'exec' && parsed.rest.length === 0)
    throw usage('`gatehouse exec ACCOUNT/ROLE -- COMMAND…` needs a command');
  return parsed;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}

/** `3600`, `90m`, `1h`, `1h30m`, `2h` → seconds; null when not given. */
export function durationOption(args: ParsedArgs): number | null {
  const raw = stringOption(args, 'duration');
  if (raw === undefined) return null;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/i.exec(raw.trim());
  const seconds =
    match && raw.trim() !== ''
      ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)
      : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw usage(`--duration: expected seconds or a duration such as 1h or 90m, got "${raw}"`);
  }
  return seconds;
}

export function formatOption(args: ParsedArgs): Format {
  const raw = stringOption(args, 'format') ?? 'process';
  if (!isCredentialFormat(raw)) {
    throw usage(`--format: expected one of ${CREDENTIAL_FORMATS.join(', ')}, got "${raw}"`);
  }
  return raw as Format;
}
