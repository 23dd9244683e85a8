/**
 * One request per item, one after another (the API has no batch form): stops at the first
 * failure, so what is reported done is exactly what was done.
 */
export async function inOrder<T>(items: readonly T[], send: (item: T) => Promise<unknown>): Promise<number> {
  let done = 0;
  for (const item of items) {
    await send(item);
    done += 1;
  }
  return done;
}
