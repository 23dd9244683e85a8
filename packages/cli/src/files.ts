import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { CliError, EXIT } from './errors';

/** Reads a file the CLI owns; null when it does not exist. Refuses files others may have written. */
export function readPrivateFile(path: string): { text: string; mode: number; foreign: boolean } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(EXIT.failure, `cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
    return { text: readFileSync(fd, 'utf8'), mode: stat.mode & 0o777, foreign: stat.uid !== uid };
  } finally {
    closeSync(fd);
  }
}

export function ensurePrivateDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(EXIT.failure, `cannot create ${path}: ${(err as Error).message}`);
  }
}

/**
 * Writes through a temporary file in the same directory and renames it into place, so a reader
 * never sees half a file and the file never exists with a wider mode than `mode`.
 */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { mode, flag: 'wx' });
    chmodSync(temp, mode); // the umask may have narrowed it, never widened it; be exact
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new CliError(EXIT.failure, `cannot write ${path}: ${(err as Error).message}`);
  }
}
