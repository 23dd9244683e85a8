/**
 * Handlers of the admin API. The routes themselves (paths, auth, schemas) are declared in
 * routes.ts; these turn service results into the wire shapes the response schemas describe.
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  AccountView,
  AdminCall,
  AdminUserView,
  AuditRow,
  GrantView,
  GroupMemberView,
  GroupView,
  RoleView,
} from '@gatehouse/core';
import type {
  AdminAccount,
  AdminAccountCreate,
  AdminAccountUpdate,
  AdminGrant,
  AdminGrantCreate,
  AdminGrantListQuery,
  AdminGrantUpdate,
  AdminGroup,
  AdminGroupCreate,
  AdminGroupUpdate,
  AdminRole,
  AdminRoleCreate,
  AdminRoleListQuery,
  AdminRoleUpdate,
  AdminUser,
  AdminUserCreate,
  AdminUserListQuery,
  AdminUserUpdate,
  AuditEventSchema,
  AuditExportQuery,
  AuditListQuery,
} from '@gatehouse/contracts';
import type { AppContext } from './context';
import { authOf, requestContext } from './session';

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The signed-in admin as the actor of an audited change. */
export function adminCall(request: FastifyRequest): AdminCall {
  const { user } = authOf(request);
  return { actor: { id: user.id, username: user.username }, ctx: requestContext(request) };
}

export function toAdminUser(u: AdminUserView): AdminUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    mfaEnrolled: u.mfaEnrolled,
    hasPassword: u.hasPassword,
    lockedUntil: isoOrNull(u.lockedUntil),
    lastLoginAt: isoOrNull(u.lastLoginAt),
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
    groups: u.groups,
  };
}

export function toAdminGroup(g: GroupView): AdminGroup {
  return { ...g, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt) };
}

function toGroupMember(m: GroupMemberView) {
  return { ...m, addedAt: iso(m.addedAt) };
}

export function toAdminAccount(a: AccountView): AdminAccount {
  return { ...a, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) };
}

export function toAdminRole(r: RoleView): AdminRole {
  return { ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}

export function toAdminGrant(g: GrantView, nowMs = Date.now()): AdminGrant {
  return {
    ...g,
    expiresAt: isoOrNull(g.expiresAt),
    expired: g.expiresAt !== null && g.expiresAt.getTime() <= nowMs,
    createdAt: iso(g.createdAt),
    updatedAt: iso(g.updatedAt),
  };
}

export function toAuditEvent(e: AuditRow): AuditEventSchema {
  return { ...e, occurredAt: iso(e.occurredAt) };
}

export function createAdminHandlers(ctx: AppContext) {
  const svc = ctx.accessAdmin;
  const audit = ctx.auditAdmin;
  const ok = { ok: true as const };

  return {
    // --- users ---------------------------------------------------------------------------
    async listUsers(query: AdminUserListQuery) {
      const page = await svc.listUsers(query);
      return { ...page, users: page.users.map(toAdminUser) };
    },
    async getUser(id: string) {
      return toAdminUser(await svc.getUser(id));
    },
    async createUser(call: AdminCall, body: AdminUserCreate) {
      const created = await svc.createUser(call, body);
      return {
        user: toAdminUser(created.user),
        enrolment: { url: created.enrolment.url, expiresAt: iso(created.enrolment.expiresAt) },
      };
    },
    async updateUser(call: AdminCall, id: string, body: AdminUserUpdate) {
      return toAdminUser(await svc.updateUser(call, id, body));
    },
    async resetMfa(call: AdminCall, id: string) {
      return toAdminUser(await svc.resetMfa(call, id));
    },
    async unlock(call: AdminCall, id: string) {
      return toAdminUser(await svc.unlock(call, id));
    },
    async enrolmentLink(call: AdminCall, id: string) {
      const link = await svc.regenerateEnrolmentLink(call, id);
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },

    // --- groups --------------------------------------------------------------------------
    async listGroups() {
      return { groups: (await svc.listGroups()).map(toAdminGroup) };
    },
    async getGroup(id: string) {
      return toAdminGroup(await svc.getGroup(id));
    },
    async createGroup(call: AdminCall, body: AdminGroupCreate) {
      return toAdminGroup(await svc.createGroup(call, body));
    },
    async updateGroup(call: AdminCall, id: string, body: AdminGroupUpdate) {
      return toAdminGroup(await svc.updateGroup(call, id, body));
    },
    async deleteGroup(call: AdminCall, id: string) {
      await svc.deleteGroup(call, id);
      return ok;
    },
    async listMembers(id: string) {
      return { members: (await svc.listMembers(id)).map(toGroupMember) };
    },
    async addMember(call: AdminCall, id: string, userId: string) {
      await svc.addMember(call, id, userId);
      return ok;
    },
    async removeMember(call: AdminCall, id: string, userId: string) {
      await svc.removeMember(call, id, userId);
      return ok;
    },

    // --- accounts ------------------------------------------------------------------------
    async listAccounts() {
      return { accounts: (await svc.listAccounts()).map(toAdminAccount) };
    },
    async getAccount(id: string) {
      return toAdminAccount(await svc.getAccount(id));
    },
    async createAccount(call: AdminCall, body: AdminAccountCreate) {
      return toAdminAccount(await svc.createAccount(call, body));
    },
    async updateAccount(call: AdminCall, id: string, body: AdminAccountUpdate) {
      return toAdminAccount(await svc.updateAccount(call, id, body));
    },
    async deleteAccount(call: AdminCall, id: string) {
      await svc.deleteAccount(call, id);
      return ok;
    },

    // --- roles ---------------------------------------------------------------------------
    async listRoles(query: AdminRoleListQuery) {
      return { roles: (await svc.listRoles(query)).map(toAdminRole) };
    },
    async getRole(id: string) {
      return toAdminRole(await svc.getRole(id));
    },
    async createRole(call: AdminCall, body: AdminRoleCreate) {
      return toAdminRole(await svc.createRole(call, body));
    },
    async updateRole(call: AdminCall, id: string, body: AdminRoleUpdate) {
      return toAdminRole(await svc.updateRole(call, id, body));
    },
    async deleteRole(call: AdminCall, id: string) {
      await svc.deleteRole(call, id);
      return ok;
    },

    // --- grants --------------------------------------------------------------------------
    async listGrants(query: AdminGrantListQuery) {
      const now = Date.now();
      return { grants: (await svc.listGrants(query)).map((g) => toAdminGrant(g, now)) };
    },
    async getGrant(id: string) {
      return toAdminGrant(await svc.getGrant(id));
    },
    async createGrants(call: AdminCall, body: AdminGrantCreate) {
      const now = Date.now();
      return { grants: (await svc.createGrants(call, body)).map((g) => toAdminGrant(g, now)) };
    },
    async updateGrant(call: AdminCall, id: string, body: AdminGrantUpdate) {
      return toAdminGrant(await svc.updateGrant(call, id, body));
    },
    async deleteGrant(call: AdminCall, id: string) {
      await svc.deleteGrant(call, id);
      return ok;
    },

    // --- audit ---------------------------------------------------------------------------
    async listAudit(query: AuditListQuery) {
      const page = await audit.list(query);
      return { events: page.events.map(toAuditEvent), nextCursor: page.nextCursor };
    },
    /** Streams the export: constant memory however many rows match. */
    async exportAudit(call: AdminCall, query: AuditExportQuery, reply: FastifyReply) {
      const { format = 'csv', ...filter } = query;
      const out = await audit.export(call, filter, format);
      reply
        .header('Content-Type', out.contentType)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`);
      return reply.send(Readable.from(out.body));
    },
    async verifyAudit() {
      return audit.verify();
    },
  };
}

export type AdminHandlers = ReturnType<typeof createAdminHandlers>;
