import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { durationOption, flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { environmentCopy } from '../env';
import { CliError } from '../errors';
import { obtainCredentials, session } from './common';

/** `gatehouse exec ACCOUNT/ROLE -- CMD …`: CMD runs with the role's credentials; its exit code is ours. */
export async function run(args: ParsedArgs): Promise<number> {
  const s = session(stringOption(args, 'url'));
  const target = args.positionals[0] as string;
  const credentials = await obtainCredentials(s, target, durationOption(args), !flag(args, 'no-cache'));
  const env = environmentCopy();
  // A profile named in the environment would otherwise compete with these credentials.
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
  ]) {
    delete env[name];
  }
  env['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
  env['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  env['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  env['AWS_CREDENTIAL_EXPIRATION'] = credentials.expiration;
  env['GATEHOUSE_ROLE_ARN'] = credentials.assumedRoleArn;
  if (credentials.region) {
    // An explicit region in the caller's environment wins over the account's default.
    env['AWS_REGION'] ??= credentials.region;
    env['AWS_DEFAULT_REGION'] ??= env['AWS_REGION'];
  }
  const [command, ...commandArgs] = args.rest as [string, ...string[]];
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env });
    // The terminal sends Ctrl-C to the child itself; what is sent to us alone is passed on.
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const handlers: Array<[NodeJS.Signals, () => void]> = [
      ['SIGINT', () => undefined],
      ['SIGTERM', forward('SIGTERM')],
      ['SIGHUP', forward('SIGHUP')],
    ];
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const cleanup = () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new CliError(
          err.code === 'ENOENT' ? 127 : 126,
          `cannot run "${command}": ${err.code === 'ENOENT' ? 'command not found' : err.message}`,
        ),
      );
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
