/** The audit log: filtered pages, exports (streamed, themselves audited) and the chain check. */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import {
  AuditExportBody,
  AuditExportQuery,
  AuditListQuery,
  AuditPage,
  AuditVerifyResult,
} from '@gatehouse/contracts';
import { adminCall } from '../../http/route-options';
import { iso, lookupErrors } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';

export function register(app: App, { services }: RouteDeps): void {
  const { audit } = services;
  const asAdmin = { auth: 'admin' as const };

  app.get(
    '/api/admin/audit',
    {
      config: asAdmin,
      schema: { querystring: AuditListQuery, response: { 200: AuditPage, ...lookupErrors } },
    },
    async (request) => {
      const page = await audit.list(request.query);
      return {
        events: page.events.map((e) => ({ ...e, occurredAt: iso(e.occurredAt) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/admin/audit/export',
    {
      config: asAdmin,
      schema: { querystring: AuditExportQuery, response: { 200: AuditExportBody, ...lookupErrors } },
    },
    // Streamed: constant memory however many rows match.
    async (request, reply) => {
      const { format = 'csv', ...filter } = request.query;
      const out = await audit.export(adminCall(request), filter, format);
      // The schema above documents the rows; the body is their CSV or JSON Lines, streamed.
      return (reply as FastifyReply)
        .header('Content-Type', out.contentType)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .send(Readable.from(out.body));
    },
  );

  app.get(
    '/api/admin/audit/verify',
    { config: asAdmin, schema: { response: { 200: AuditVerifyResult, ...lookupErrors } } },
    () => audit.verify(),
  );
}
