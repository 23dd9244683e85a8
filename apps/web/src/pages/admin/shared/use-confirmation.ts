import { useState } from 'react';

/**
 * Whether a confirmation dialog is open. Opening it forgets the last attempt (`reset`), so a
 * failure from before does not greet the next try.
 */
export function useConfirmation(reset: () => void) {
  const [open, setOpen] = useState(false);
  return {
    open,
    show: () => {
      reset();
      setOpen(true);
    },
    hide: () => setOpen(false),
  };
}
