/**
 * Links inside the SPA: real hrefs (so a middle click opens a new tab) that navigate through the
 * router on a plain click. The admin area does not know where the shell mounts it, so paths are
 * made from the base it was rendered at.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import Link from '@cloudscape-design/components/link';
import type { LinkProps } from '@cloudscape-design/components/link';
import { useI18n } from '../../../i18n';

const AdminBase = createContext('/admin');

export const AdminBaseProvider = AdminBase.Provider;

/** `adminPath('groups/1')` → `/admin/groups/1`, wherever the area is mounted. */
export function useAdminPath(): (sub: string) => string {
  const base = useContext(AdminBase);
  return (sub) => `${base.replace(/\/$/, '')}/${sub.replace(/^\//, '')}`;
}

/** The audit area is a sibling of the admin area (both mounted by the shell at the top level). */
export const AUDIT_PATH = '/audit';

export function useRouterFollow(): (event: CustomEvent<{ href?: string }>) => void {
  const navigate = useNavigate();
  return (event) => {
    const href = event.detail.href;
    if (!href) return;
    event.preventDefault();
    void navigate(href);
  };
}

export function RouterLink({
  href,
  children,
  ...rest
}: { href: string; children: ReactNode } & Omit<LinkProps, 'href' | 'onFollow'>) {
  const follow = useRouterFollow();
  return (
    <Link href={href} onFollow={follow} {...rest}>
      {children}
    </Link>
  );
}

/** A number that opens the list it counts (an account's roles, a role's grants). */
export function CountLink({ count, path }: { count: number; path: string }) {
  const { formatNumber } = useI18n();
  const adminPath = useAdminPath();
  return <RouterLink href={adminPath(path)}>{formatNumber(count)}</RouterLink>;
}
