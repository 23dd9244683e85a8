import { flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { EXIT } from '../errors';
import { listRoles } from '../resolve';
import { fetchAccess, session } from './common';

function hours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`;
}

/** The user's roles, as on the dashboard: favourites first within each account. */
export async function run(args: ParsedArgs): Promise<number> {
  const s = session(stringOption(args, 'url'));
  const access = await fetchAccess(s);
  const entries = listRoles(access);
  if (flag(args, 'json')) {
    const out = entries.map(({ target, account, role }) => ({
      target,
      account: {
        id: account.id,
        awsAccountId: account.awsAccountId,
        name: account.name,
        partition: account.partition,
        defaultRegion: account.defaultRegion,
      },
      role: {
        roleId: role.roleId,
        grantId: role.grantId,
        roleName: role.roleName,
        displayName: role.displayName,
        arn: role.arn,
        allowConsole: role.allowConsole,
        allowCli: role.allowCli,
        maxSessionSeconds: role.maxSessionSeconds,
        requiresStepUp: role.requiresStepUp,
        favourite: role.favourite,
        grantExpiresAt: role.grantExpiresAt,
      },
    }));
    process.stdout.write(`${JSON.stringify({ roleChaining: access.roleChaining, roles: out }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (entries.length === 0) {
    process.stderr.write(
      `gatehouse: you have no roles on ${s.portal} yet; ask an administrator for access\n`,
    );
    return EXIT.ok;
  }
  const rows = entries.map(({ target, account, role }) => [
    `${role.favourite ? '* ' : '  '}${target}`,
    account.awsAccountId,
    role.displayName,
    [role.allowConsole ? 'console' : '', role.allowCli ? 'cli' : '', role.requiresStepUp ? 'step-up' : '']
      .filter(Boolean)
      .join(','),
    hours(role.maxSessionSeconds),
  ]);
  const header = ['  ACCOUNT/ROLE', 'ACCOUNT ID', 'NAME', 'ACCESS', 'MAX'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  if (access.roleChaining) {
    process.stderr.write(
      'gatehouse: sessions are capped at 1 hour (the portal itself runs on role credentials)\n',
    );
  }
  return EXIT.ok;
}
