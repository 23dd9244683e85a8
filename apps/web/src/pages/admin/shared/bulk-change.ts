import { useMutation } from '@tanstack/react-query';
import { useInvalidateAdmin } from './queries';

/**
 * One request per item, one after another (the API has no batch form): stops at the first
 * failure, so what is reported done is exactly what was done.
 */
async function inOrder<T>(items: readonly T[], send: (item: T) => Promise<unknown>): Promise<number> {
  let done = 0;
  for (const item of items) {
    await send(item);
    done += 1;
  }
  return done;
}

/**
 * A change to several rows at once (grants deleted, members added). Either way every admin list
 * is asked again: after a failure, the items before it have changed already.
 */
export function useBulkChange<T>(send: (item: T) => Promise<unknown>, onDone: (count: number) => void) {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (items: readonly T[]) => inOrder(items, send),
    onSuccess: async (count) => {
      onDone(count);
      await invalidate();
    },
    onError: () => invalidate(),
  });
}
