/** Roles configured in Gatehouse. Their trust policy, health and revocation are in onboarding.ts. */
import {
  AdminRole,
  AdminRoleCreate,
  AdminRoleList,
  AdminRoleListQuery,
  AdminRoleUpdate,
} from '@gatehouse/contracts';
import { wireRecord } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function register(app: App, { services }: RouteDeps): void {
  const schemas = {
    item: AdminRole,
    list: AdminRoleList,
    query: AdminRoleListQuery,
    create: AdminRoleCreate,
    update: AdminRoleUpdate,
  };
  registerRecordRoutes(app, '/api/admin/roles', schemas, services.admin.roles, wireRecord);
}
