/** AWS accounts. Discovering and importing their roles is in onboarding.ts. */
import { AdminAccount, AdminAccountCreate, AdminAccountList, AdminAccountUpdate } from '@gatehouse/contracts';
import { wireRecord } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function register(app: App, { services }: RouteDeps): void {
  const schemas = {
    item: AdminAccount,
    list: AdminAccountList,
    create: AdminAccountCreate,
    update: AdminAccountUpdate,
  };
  registerRecordRoutes(app, '/api/admin/accounts', schemas, services.admin.accounts, wireRecord);
}
