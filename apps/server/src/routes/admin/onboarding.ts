/** Role onboarding: trust policies, policy lint and evaluation, role health, Discover, revocation. */
import {
  AdminIdParams,
  EmptyBody,
  PolicyEvaluateRequest,
  PolicyEvaluateResponse,
  PolicyLintRequest,
  PolicyLintResponse,
  RevocationResultSchema,
  RevokeSessionsRequest,
  RevokeUserSessionsResponse,
  RoleDiscovery,
  RoleHealthEntry,
  RoleHealthList,
  RoleHealthRefreshRequest,
  RoleImportRequest,
  RoleImportResponse,
  TrustPolicyRequest,
  TrustPolicyResponse,
} from '@gatehouse/contracts';
import type { ManagedRole, StoredRoleHealth } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { awsErrors } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';

function toHealthEntry({ role, health }: { role: ManagedRole; health: StoredRoleHealth | null }) {
  return {
    roleId: role.role.id,
    roleArn: role.role.arn,
    displayName: role.role.displayName,
    accountId: role.account.id,
    accountName: role.account.name,
    awsAccountId: role.account.awsAccountId,
    status: health?.status ?? ('unchecked' as const),
    checkedAt: health?.checkedAt.toISOString() ?? null,
    report: health?.report ?? null,
  };
}

export function register(app: App, { services }: RouteDeps): void {
  const { onboarding } = services;
  const asAdmin = { auth: 'admin' as const };

  app.post(
    '/api/admin/trust-policies',
    {
      config: asAdmin,
      schema: { body: TrustPolicyRequest, response: { 200: TrustPolicyResponse, ...awsErrors } },
    },
    (request) => {
      const { requireSourceIdentity, requireMfaTag, ...target } = request.body;
      return onboarding.generate(target, {
        ...(requireSourceIdentity === undefined ? {} : { requireSourceIdentity }),
        ...(requireMfaTag === undefined ? {} : { requireMfaTag }),
      });
    },
  );

  app.post(
    '/api/admin/policies/lint',
    {
      config: asAdmin,
      schema: { body: PolicyLintRequest, response: { 200: PolicyLintResponse, ...awsErrors } },
    },
    async (request) => {
      const { document, kind, brokerArn } = request.body;
      const result = await onboarding.lint(document, {
        ...(kind ? { kind } : {}),
        // An empty string asks for no broker check at all.
        ...(brokerArn === undefined ? {} : { brokerArn: brokerArn.trim() || null }),
      });
      return {
        ok: result.ok,
        counts: result.counts,
        findings: result.findings,
        brokerArn: result.brokerArn,
        broker: result.broker,
        assumedFixes: result.assumedFixes,
      };
    },
  );

  app.post(
    '/api/admin/policies/evaluate',
    {
      config: asAdmin,
      schema: { body: PolicyEvaluateRequest, response: { 200: PolicyEvaluateResponse, ...awsErrors } },
    },
    (request) => {
      const { document, kind, request: input } = request.body;
      const { lint, results } = onboarding.evaluate(document, input, kind ?? 'trust');
      return { ok: lint.ok, findings: lint.findings, results };
    },
  );

  app.get(
    '/api/admin/role-health',
    { config: asAdmin, schema: { response: { 200: RoleHealthList, ...awsErrors } } },
    async () => ({ roles: (await onboarding.listHealth()).map(toHealthEntry) }),
  );

  app.get(
    '/api/admin/role-health/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: RoleHealthEntry, ...awsErrors } } },
    async (request) => toHealthEntry(await onboarding.getHealth(request.params.id)),
  );

  app.post(
    '/api/admin/role-health/refresh',
    {
      config: asAdmin,
      schema: { body: RoleHealthRefreshRequest, response: { 200: RoleHealthList, ...awsErrors } },
    },
    async (request) => {
      const checked = await onboarding.refresh(request.body.roleIds);
      const all = await onboarding.listHealth();
      const ids = new Set(checked.map((h) => h.roleId));
      return { roles: all.filter((e) => ids.has(e.role.role.id)).map(toHealthEntry) };
    },
  );

  app.get(
    '/api/admin/accounts/:id/role-discovery',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: RoleDiscovery, ...awsErrors } } },
    async (request) => {
      const found = await onboarding.discover(request.params.id);
      return {
        accountId: request.params.id,
        checkedAs: found.as,
        scanned: found.scanned,
        truncated: found.truncated,
        roles: found.roles,
      };
    },
  );

  app.post(
    '/api/admin/accounts/:id/role-imports',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: RoleImportRequest,
        response: { 200: RoleImportResponse, ...awsErrors },
      },
    },
    async (request) => {
      const results = await onboarding.importRoles(adminCall(request), request.params.id, request.body.arns);
      return { results: results.map((r) => ({ arn: r.arn, roleId: r.role?.id ?? null, error: r.error })) };
    },
  );

  app.post(
    '/api/admin/roles/:id/revoke-sessions',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: RevokeSessionsRequest,
        response: { 200: RevocationResultSchema, ...awsErrors },
      },
    },
    (request) =>
      onboarding.revokeSessions(adminCall(request), request.params.id, {
        userId: request.body.userId ?? null,
      }),
  );

  app.post(
    '/api/admin/users/:id/revoke-sessions',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: EmptyBody,
        response: { 200: RevokeUserSessionsResponse, ...awsErrors },
      },
    },
    (request) => onboarding.revokeUserEverywhere(adminCall(request), request.params.id),
  );
}
