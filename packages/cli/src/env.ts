/** The one reader of the environment: the CLI's own variables and the standard ones it honours. */
// eslint-disable-next-line no-restricted-properties -- a CLI, not the server: its environment is its input
const environment: NodeJS.ProcessEnv = process.env;

export function envVar(name: string): string | undefined {
  const value = environment[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A copy for a child process (`gatehouse exec`), which the caller adjusts. */
export function environmentCopy(): NodeJS.ProcessEnv {
  return { ...environment };
}
