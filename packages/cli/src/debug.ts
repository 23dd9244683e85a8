/** `--debug`: details on stderr. Never given a secret: callers pass methods, paths, statuses, ids. */
let enabled = false;

export function setDebug(on: boolean): void {
  enabled = on;
}

export function isDebug(): boolean {
  return enabled;
}

export function debug(message: string): void {
  if (enabled) process.stderr.write(`gatehouse[debug]: ${message}\n`);
}
