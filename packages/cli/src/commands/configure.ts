import { lstatSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { mergeAwsConfig, quoteArg, unifiedDiff } from '../aws-config';
import type { WantedProfile } from '../aws-config';
import { envVar } from '../env';
import { CliError, EXIT, usage } from '../errors';
import { writeFileAtomic } from '../files';
import { awsConfigFile } from '../paths';
import { accountAlias, listRoles, slug } from '../resolve';
import { fetchAccess, session } from './common';

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * How `credential_process` should start this CLI: `gatehouse` when that name on PATH is this very
 * program, otherwise the absolute node and script paths (a workspace checkout, `npx`). The script
 * is dist/gatehouse.js, beside this bundle (dist/gatehouse-full.mjs): the entry that answers from
 * the cache without loading the full CLI.
 */
function selfCommand(): string {
  const script = realpathSync(resolve(dirname(fileURLToPath(import.meta.url)), 'gatehouse.js'));
  const mine = new Set([script, realpathOrNull(resolve(dirname(script), '../bin/gatehouse.js'))]);
  for (const dir of (envVar('PATH') ?? '').split(delimiter)) {
    if (dir && mine.has(realpathOrNull(join(dir, 'gatehouse')))) return 'gatehouse';
  }
  return `${quoteArg(process.execPath)} ${quoteArg(script)}`;
}

/** Writes one profile per role the user may use from the CLI into the AWS config file. */
export async function run(args: ParsedArgs): Promise<number> {
  const prefix = stringOption(args, 'prefix') ?? '';
  if (!/^[A-Za-z0-9_.-]*$/.test(prefix)) throw usage('--prefix may contain only letters, digits and _ . -');
  const s = session(stringOption(args, 'url'));
  const access = await fetchAccess(s);
  const command = stringOption(args, 'command') ?? selfCommand();

  const wanted: WantedProfile[] = [];
  const names = new Set<string>();
  for (const { account, role } of listRoles(access)) {
    if (!role.allowCli) continue;
    // Whatever the portal says ends up in a file the AWS CLI executes from: check its shape.
    if (!ACCOUNT_ID.test(account.awsAccountId) || !ROLE_NAME.test(role.roleName)) {
      process.stderr.write(
        `gatehouse: skipping ${account.name}/${role.roleName}: unexpected account id or role name\n`,
      );
      continue;
    }
    const base = `${prefix}${accountAlias(account, access.accounts)}-${slug(role.roleName) || 'role'}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    wanted.push({
      name,
      comment: `${account.name} (${account.awsAccountId}) / ${role.displayName}${role.requiresStepUp ? ' [step-up]' : ''}`,
      credentialProcess: `${command} --url ${quoteArg(s.portal)} credentials ${account.awsAccountId}/${role.roleName} --format process`,
      region: account.defaultRegion && REGION.test(account.defaultRegion) ? account.defaultRegion : null,
    });
  }

  const configured = awsConfigFile();
  // Dotfiles are often symlinks into a repository: write through the link, not over it.
  const file = realpathOrNull(configured) ?? configured;
  let original = '';
  let mode = 0o600;
  try {
    original = readFileSync(file, 'utf8');
    mode = statSync(file).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CliError(EXIT.failure, `cannot read ${file}: ${(err as Error).message}`);
    }
  }
  const merged = mergeAwsConfig(original, s.portal, wanted);
  for (const name of merged.skipped) {
    process.stderr.write(
      `gatehouse: skipped profile ${name}: ${file} already defines it outside the gatehouse block\n`,
    );
  }
  const summary =
    `${merged.added.length} added, ${merged.updated.length} updated, ${merged.removed.length} removed, ` +
    `${merged.unchanged.length} unchanged`;

  if (flag(args, 'dry-run')) {
    process.stdout.write(
      merged.changed ? unifiedDiff(original, merged.text, file, `${file} (after gatehouse configure)`) : '',
    );
    process.stderr.write(`gatehouse: dry run, ${file} not changed: would be ${summary}\n`);
    return EXIT.ok;
  }
  if (!merged.changed) {
    process.stderr.write(`gatehouse: ${file} is up to date (${summary})\n`);
  } else {
    const dir = dirname(file);
    try {
      lstatSync(dir);
    } catch {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    if (original !== '') writeFileAtomic(`${file}.gatehouse.bak`, original, mode);
    writeFileAtomic(file, merged.text, mode);
    process.stderr.write(
      `gatehouse: wrote ${file} (${summary})${original !== '' ? `; the previous version is in ${file}.gatehouse.bak` : ''}\n`,
    );
  }
  for (const p of wanted) {
    if (!merged.skipped.includes(p.name)) process.stdout.write(`${p.name}\n`);
  }
  return EXIT.ok;
}
