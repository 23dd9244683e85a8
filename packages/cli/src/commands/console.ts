import type { ConsoleResponse } from '@gatehouse/contracts';
import { durationOption, flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { openUrl } from '../browser';
import { CliError, EXIT } from '../errors';
import { issuanceError, resolveRole, session } from './common';

/** Opens (or with --print, prints) a console sign-in URL. It is valid 15 minutes and never cached. */
export async function run(args: ParsedArgs): Promise<number> {
  const s = session(stringOption(args, 'url'));
  const entry = await resolveRole(s, args.positionals[0] as string);
  const duration = durationOption(args);
  const service = stringOption(args, 'service');
  const region = stringOption(args, 'region');
  let issued: ConsoleResponse;
  try {
    issued = await s.api.request<ConsoleResponse>('POST', '/api/access/console', {
      grantId: entry.role.grantId,
      ...(service ? { service } : {}),
      ...(region ? { region } : {}),
      ...(duration !== null ? { durationSeconds: duration } : {}),
    });
  } catch (err) {
    throw issuanceError(err, entry);
  }
  if (flag(args, 'print')) {
    process.stdout.write(`${issued.url}\n`);
    return EXIT.ok;
  }
  if (!(await openUrl(issued.url))) {
    throw new CliError(
      EXIT.failure,
      'could not start a browser; run again with --print to get the sign-in URL',
    );
  }
  process.stderr.write(
    `gatehouse: opening the AWS console as ${entry.target} (session ${Math.round(issued.durationSeconds / 60)} min)\n`,
  );
  return EXIT.ok;
}
