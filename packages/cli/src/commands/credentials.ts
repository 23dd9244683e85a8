import { durationOption, flag, formatOption, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { CliError, EXIT } from '../errors';
import { printable } from '../cached';
import { obtainCredentials, session } from './common';

export async function run(args: ParsedArgs): Promise<number> {
  const s = session(stringOption(args, 'url'));
  const format = formatOption(args);
  const target = args.positionals[0] as string;
  const credentials = await obtainCredentials(s, target, durationOption(args), !flag(args, 'no-cache'));
  const text = printable(credentials, format);
  if (text === null) throw new CliError(EXIT.server, `the portal did not render the ${format} format`);
  process.stdout.write(text);
  return EXIT.ok;
}
