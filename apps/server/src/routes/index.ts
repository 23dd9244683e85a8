/**
 * Every area of the API, in order: the whole attack surface reads from this list, and each
 * route declares on itself who reaches it (auth level, CLI token, rate limit; route-table.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as access from './access';
import * as adminAccounts from './admin/accounts';
import * as adminAudit from './admin/audit';
import * as adminCliTokens from './admin/cli-tokens';
import * as adminGrants from './admin/grants';
import * as adminGroups from './admin/groups';
import * as adminOnboarding from './admin/onboarding';
import * as adminRevocations from './admin/revocations';
import * as adminRoles from './admin/roles';
import * as adminUsers from './admin/users';
import * as auth from './auth';
import * as cli from './cli';
import * as health from './health';
import * as me from './me';
import type { RouteDeps } from './route-kit';
import * as setup from './setup';
import * as web from './web';

export type { RouteDeps } from './route-kit';

export const AREAS = [
  health,
  setup,
  auth,
  me,
  access,
  cli,
  adminUsers,
  adminGroups,
  adminAccounts,
  adminRoles,
  adminGrants,
  adminAudit,
  adminOnboarding,
  adminCliTokens,
  adminRevocations,
  web,
] as const;

export function registerRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  for (const area of AREAS) area.register(app, deps);
}
