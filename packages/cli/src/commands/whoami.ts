import type { CliSession } from '@gatehouse/contracts';
import { flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { EXIT } from '../errors';
import { session } from './common';

export async function run(args: ParsedArgs): Promise<number> {
  const s = session(stringOption(args, 'url'));
  const me = await s.api.request<CliSession>('GET', '/api/cli/session');
  if (flag(args, 'json')) {
    process.stdout.write(`${JSON.stringify({ portal: s.portal, ...me }, null, 2)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(
    `${me.user.username} (${me.user.displayName}) on ${s.portal}; this login expires ${me.token.expiresAt}\n`,
  );
  return EXIT.ok;
}
