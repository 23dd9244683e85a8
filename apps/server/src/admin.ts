/**
 * Operator commands: `npm run admin -- <command>`. Each account change is audited with the
 * operating-system user as the actor.
 */
import { userInfo, hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAppError, lintPolicy } from '@gatehouse/core';
import type { AdminCall, LintResult } from '@gatehouse/core';
import { boot, loadEnvironmentOrExit } from './bootstrap';
import { createAppContext } from './context';
import type { AppContext } from './context';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  create-user --username U --display-name N [--email E] [--admin] [--password-stdin]
                                            create a user; without --password-stdin, prints a
                                            one-time enrolment link where they set a password
  reset-mfa --username U                    remove the user's TOTP and recovery codes, end
                                            their sessions, and print the one-time enrolment
                                            link they set up a new authenticator with
  unlock --username U                       clear a temporary sign-in lock
  disable --username U                      disable the user and end all their sessions
  enable --username U                       re-enable a disabled user
  audit verify                              walk the audit hash chain; exit 3 if broken
  revocations [--all]                       list revocations at AWS still pending or failing
                                            (--all: the latest 100 of any status); exit 4 if
                                            any failed for good
  lint-policy FILE [--identity] [--broker ARN] [--json]
                                            check a trust policy (or, with --identity, a
                                            permissions policy); FILE - reads standard input;
                                            --broker also checks that this ARN gets in; exit 1
                                            on error- or danger-level findings; needs no database
`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('--password-stdin expects the password piped on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the final newline is the pipe's; everything else is the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function lintReport(result: LintResult) {
  return {
    ok: result.ok,
    counts: result.counts,
    findings: result.findings,
    broker: result.broker
      ? {
          trusted: result.broker.trusted,
          unverifiable: result.broker.unverifiable,
          explanation: result.broker.explanation,
        }
      : null,
  };
}

/** Compiler-style lines (file:line:column: severity code: message), which editors link to. */
function printFindings(file: string, result: LintResult, out: (line: string) => void): void {
  for (const f of result.findings) {
    out(`${file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`);
    if (f.hint) out(`    hint: ${f.hint}`);
  }
  const { error, danger, warning, info } = result.counts;
  const summary = `${error} error(s), ${danger} danger, ${warning} warning(s), ${info} note(s)`;
  out(result.findings.length === 0 ? `${file}: no findings` : `${file}: ${summary}`);
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function run(argv: string[], out: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      email: { type: 'string' },
      admin: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      identity: { type: 'boolean', default: false },
      broker: { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
    },
  });
  const known = [
    'migrate',
    'create-user',
    'reset-mfa',
    'unlock',
    'disable',
    'enable',
    'audit',
    'revocations',
    'lint-policy',
  ];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}"`);
  // Offline on purpose: no configuration, database or AWS, so it runs anywhere (CI, a laptop).
  if (command === 'lint-policy') {
    const file = positionals[0];
    if (!file) throw new UsageError('lint-policy needs a FILE (or - for standard input)');
    let text: string;
    try {
      text = file === '-' ? await readStdinText() : await readFile(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const result = lintPolicy(text, {
      kind: values.identity ? 'identity' : 'trust',
      brokerArn: values.broker ?? null,
    });
    if (values.json) out(JSON.stringify({ file, ...lintReport(result) }, null, 2));
    else printFindings(file === '-' ? '<stdin>' : file, result, out);
    return result.ok ? 0 : 1;
  }
  if (command === 'audit' && positionals[0] !== 'verify') throw new UsageError('expected "audit verify"');

  const environment = loadEnvironmentOrExit();
  const quiet = () => {};
  const booted = await boot(environment.config, environment.secrets, {
    info: command === 'migrate' ? out : quiet,
    warn: (m) => process.stderr.write(`${m}\n`),
  });
  if (command === 'migrate') {
    await booted.shutdown();
    out('database is up to date');
    return 0;
  }
  const ctx = createAppContext(booted.config, booted.secrets);
  try {
    if (command === 'audit') return await verifyAudit(ctx, out);
    if (command === 'revocations') return await listRevocations(ctx, values.all ?? false, out);
    const call: AdminCall = {
      actor: { id: null, username: `os:${userInfo().username}@${hostname()}` },
      ctx: { ip: 'local', userAgent: 'gatehouse-admin-cli', requestId: randomUUID() },
    };
    return await changeUser(ctx, call, command, values, out);
  } finally {
    await ctx.close();
    await booted.shutdown();
  }
}

async function verifyAudit(ctx: AppContext, out: (line: string) => void): Promise<number> {
  const result = await ctx.services.audit.verify();
  if (result.broken) {
    out(
      `audit chain BROKEN at row id ${result.broken.id} (${result.broken.reason}); ${result.checked} rows before it verified`,
    );
    return 3;
  }
  out(`audit chain intact: ${result.checked} rows verified`);
  return 0;
}

/** What is still to be revoked at AWS (or, with --all, the latest of everything), one line each. */
async function listRevocations(ctx: AppContext, all: boolean, out: (line: string) => void): Promise<number> {
  const { revocations } = ctx.services;
  const lists = all
    ? [await revocations.listRevocations({ limit: 100 })]
    : await Promise.all(
        (['pending', 'failing', 'given_up'] as const).map((status) =>
          revocations.listRevocations({ status, limit: 200 }),
        ),
      );
  const rows = lists.flatMap((l) => l.rows);
  const counts = lists[0]?.counts ?? { pending: 0, applied: 0, failing: 0, given_up: 0 };
  out(
    `revocations at AWS: ${counts.pending} pending, ${counts.failing} failing, ${counts.given_up} given up, ${counts.applied} applied`,
  );
  for (const r of rows) {
    const who = r.username ?? (r.scope === 'role' ? 'every session' : (r.grantId ?? r.loginId ?? ''));
    const next =
      r.status === 'pending' || r.status === 'failing' ? ` next try ${r.nextAttemptAt.toISOString()}` : '';
    out(
      `${r.status.padEnd(8)} ${r.roleArn} ${r.scope}:${who} (${r.reason}, cut-off ${r.cutoff.toISOString()}, ${r.attempts} attempts)${next}`,
    );
    if (r.lastError) out(`         ${r.lastError}`);
  }
  return counts.given_up > 0 ? 4 : 0;
}

/** The account commands, through the same service (and the same rules and audit) as the admin API. */
async function changeUser(
  ctx: AppContext,
  call: AdminCall,
  command: string,
  values: {
    username?: string;
    'display-name'?: string;
    email?: string;
    admin?: boolean;
    'password-stdin'?: boolean;
  },
  out: (line: string) => void,
): Promise<number> {
  const users = ctx.services.admin.users;
  const username = required(values.username, '--username');
  if (command === 'create-user') {
    const password = values['password-stdin'] ? await readStdin() : null;
    const { user, enrolment } = await users.create(call, {
      username,
      displayName: required(values['display-name'], '--display-name'),
      email: values.email ?? null,
      password,
      isAdmin: values.admin ?? false,
    });
    out(`created user ${user.username} (${user.id})${user.isAdmin ? ' with admin rights' : ''}`);
    if (enrolment) {
      out(`they set a password at this one-time link (valid until ${enrolment.expiresAt.toISOString()}):`);
      out(`    ${enrolment.url}`);
    }
    return 0;
  }
  const user = await users.findByUsername(username);
  switch (command) {
    case 'reset-mfa': {
      const { enrolment } = await users.resetMfa(call, user.id);
      out(`reset MFA of ${user.username}; their sessions have ended`);
      out(
        `they set a password and a new authenticator at this one-time link (valid until ${enrolment.expiresAt.toISOString()}):`,
      );
      out(`    ${enrolment.url}`);
      return 0;
    }
    case 'unlock':
      await users.unlock(call, user.id);
      out(`unlocked ${user.username}`);
      return 0;
    case 'disable':
    case 'enable':
      await users.update(call, user.id, { disabled: command === 'disable' });
      out(`${command}d ${user.username}`);
      return 0;
  }
  return 2;
}

run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`gatehouse admin: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const message = isAppError(err) || err instanceof Error ? err.message : String(err);
    process.stderr.write(`gatehouse admin: ${message}\n`);
    process.exit(1);
  },
);
