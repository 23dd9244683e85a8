/**
 * A service is its use cases with their dependencies bound: each use case is a function
 * `(deps, ...args)` in a file of its own, and the service object the server sees has `(...args)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument list; the mapped type keeps each one's own
type UseCase<D> = (deps: D, ...args: any[]) => unknown;

export type BoundUseCases<D, T extends Record<string, UseCase<D>>> = {
  [K in keyof T]: T[K] extends (deps: D, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function bindDeps<D, T extends Record<string, UseCase<D>>>(deps: D, useCases: T): BoundUseCases<D, T> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(useCases)) bound[name] = (...args: unknown[]) => fn(deps, ...args);
  return bound as BoundUseCases<D, T>;
}
