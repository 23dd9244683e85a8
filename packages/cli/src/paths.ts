import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { envVar } from './env';

function home(): string {
  return envVar('HOME') ?? homedir();
}

/** XDG base directories: only absolute values count (the spec says to ignore relative ones). */
function xdg(name: 'XDG_CONFIG_HOME' | 'XDG_CACHE_HOME', fallback: string): string {
  const value = envVar(name);
  return value && isAbsolute(value) ? value : join(home(), fallback);
}

/** `~/.config/gatehouse`: the portal URL and the CLI tokens (0600). */
export function configDir(): string {
  return join(xdg('XDG_CONFIG_HOME', '.config'), 'gatehouse');
}

/** `~/.cache/gatehouse`: cached AWS credentials, per portal and user (0600). */
export function cacheDir(): string {
  return join(xdg('XDG_CACHE_HOME', '.cache'), 'gatehouse');
}

/** The AWS CLI's config file: AWS_CONFIG_FILE, else ~/.aws/config. */
export function awsConfigFile(): string {
  const value = envVar('AWS_CONFIG_FILE');
  if (value) return value.startsWith('~/') ? join(home(), value.slice(2)) : value;
  return join(home(), '.aws', 'config');
}
