import { useSearchParams } from 'react-router';

/**
 * Sets one parameter of the address (null removes it) and keeps the others. It replaces the
 * history entry: narrowing a list is not a step the back button should retrace.
 */
export function useSetSearchParam(): (key: string, value: string | null) => void {
  const [, setParams] = useSearchParams();
  return (key, value) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
}
