import { useCallback } from 'react';
import { useNavigate } from 'react-router';

interface FollowDetail {
  href?: string;
  external?: boolean;
}

/**
 * Cloudscape links and buttons render real `href`s (so they open in a new tab with a middle
 * click) and call onFollow on a plain click: route those through the router instead of a reload.
 */
export function useFollow(): (event: CustomEvent<FollowDetail>) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: CustomEvent<FollowDetail>) => {
      const href = event.detail.href;
      if (!href || event.detail.external || !href.startsWith('/')) return;
      event.preventDefault();
      void navigate(href);
    },
    [navigate],
  );
}
