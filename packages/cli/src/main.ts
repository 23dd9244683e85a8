/**
 * `gatehouse`: the full CLI (dist/gatehouse-full.mjs). dist/gatehouse.js (fast.ts) runs first and
 * loads this only when the cache cannot answer; both answer from the cache through cached.ts.
 * Every command is imported lazily.
 */
import { flag, parseArgs } from './args';
import type { Command, ParsedArgs } from './args';
import { cachedCredentials } from './cached';
import { debug, isDebug, setDebug } from './debug';
import { CliError, EXIT } from './errors';
import { VERSION } from './version';

const HELP = `gatehouse ${VERSION}: AWS access through your Gatehouse portal

Usage: gatehouse COMMAND [options]

Commands:
  login                      log in: approve this device in the portal with an authenticator code
  logout                     revoke this device's login and delete its cached credentials
  whoami                     who you are logged in as, and until when
  roles [--json]             the AWS roles you may use (ACCOUNT/ROLE, account id, access, max session)
  credentials ACCOUNT/ROLE   temporary credentials [--format F] [--duration S] [--no-cache]
                             F: process (default) | env | env-no-export | powershell | windows-cmd | fish | ini | dotenv
  configure                  write a profile per role into ~/.aws/config [--dry-run] [--prefix P] [--command CMD]
  console ACCOUNT/ROLE       open the AWS console [--service S] [--region R] [--duration S] [--print]
  exec ACCOUNT/ROLE -- CMD…  run CMD with the role's credentials; exits with CMD's exit code

ACCOUNT is an account name, its alias (as \`roles\` prints it) or its 12-digit id; ROLE is the
IAM role name or the role's display name.

Options for every command:
  --url URL    the portal (default: $GATEHOUSE_URL, else the one you last logged in to with --url)
  --debug      details of what went wrong (HTTP statuses, request ids, stack traces)
  -h, --help   this help;  -V, --version  the version

Exit codes: 0 ok, 1 error, 2 usage, 3 not logged in, 4 login expired or revoked, 5 portal
unreachable, 6 role not granted, 7 step-up needed, 8 ambiguous ACCOUNT/ROLE, 9 login denied or
expired, 10 the portal refused; exec: the command's own.
`;

const COMMAND_MODULES: Record<Command, () => Promise<{ run(args: ParsedArgs): Promise<number> }>> = {
  login: () => import('./commands/login'),
  logout: () => import('./commands/logout'),
  whoami: () => import('./commands/whoami'),
  roles: () => import('./commands/roles'),
  credentials: () => import('./commands/credentials'),
  configure: () => import('./commands/configure'),
  console: () => import('./commands/console'),
  exec: () => import('./commands/exec'),
};

async function main(argv: readonly string[]): Promise<number> {
  setDebug(argv.includes('--debug'));
  const args = parseArgs(argv);
  if (flag(args, 'version')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (flag(args, 'help') || args.command === null) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const cached = cachedCredentials(args);
  if (cached !== null) {
    debug('credentials from the cache');
    process.stdout.write(cached);
    return EXIT.ok;
  }
  const command = await COMMAND_MODULES[args.command]();
  return command.run(args);
}

function report(err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`gatehouse: ${err.message}\n`);
    if (isDebug()) {
      if (err.detail) process.stderr.write(`gatehouse[debug]: ${err.detail}\n`);
      process.stderr.write(`${err.stack ?? ''}\n`);
      if (err.cause) process.stderr.write(`caused by: ${String((err.cause as Error).stack ?? err.cause)}\n`);
    }
    return err.exitCode;
  }
  const message = (err as Error)?.message ?? String(err);
  if (isDebug())
    process.stderr.write(`gatehouse: unexpected error: ${message}\n${(err as Error)?.stack ?? ''}\n`);
  else process.stderr.write(`gatehouse: unexpected error: ${message} (run again with --debug for details)\n`);
  return EXIT.failure;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = report(err);
  },
);
