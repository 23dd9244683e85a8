/** AWS accounts. Discovering and importing their roles is in onboarding.ts. */
import { AdminAccount, AdminAccountCreate, AdminAccountList, AdminAccountUpdate } from '@gatehouse/contracts';
import type { AccountView } from '@gatehouse/core';
import { iso, lookupErrors } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function toAdminAccount(a: AccountView): AdminAccount {
  return { ...a, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) };
}

export function register(app: App, { services }: RouteDeps): void {
  const accounts = services.admin.accounts;

  app.get(
    '/api/admin/accounts',
    { config: { auth: 'admin' }, schema: { response: { 200: AdminAccountList, ...lookupErrors } } },
    async () => ({ accounts: (await accounts.list()).map(toAdminAccount) }),
  );

  registerRecordRoutes(app, {
    path: '/api/admin/accounts',
    item: AdminAccount,
    toWire: toAdminAccount,
    get: accounts.get,
    create: { body: AdminAccountCreate, run: accounts.create },
    update: { body: AdminAccountUpdate, run: accounts.update },
    delete: accounts.delete,
  });
}
