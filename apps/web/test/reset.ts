import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

/** After each test: unmount what it rendered and give back the real fetch, globals and clock. */
export function resetAfterEach(): void {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
}
