/**
 * The routes every administered record type has alike: read one, change one, and (where the
 * type has them) create and delete. Each is an admin route; the list and anything particular to
 * a type are declared in that type's file.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { AdminIdParams, Ok } from '@gatehouse/contracts';
import type { AdminCall } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { lookupErrors, ok } from '../route-kit';
import type { App } from '../route-kit';

type ById = FastifyRequest<{ Params: { id: string } }>;

export interface RecordRoutes<V, Item extends TSchema, Create extends TSchema, Update extends TSchema> {
  /** The collection, e.g. `/api/admin/groups`; a record is `${path}/:id`. */
  path: string;
  item: Item;
  toWire: (record: V) => Static<Item>;
  get: (id: string) => Promise<V>;
  update: { body: Update; run: (call: AdminCall, id: string, body: Static<Update>) => Promise<V> };
  create?: { body: Create; run: (call: AdminCall, body: Static<Create>) => Promise<V> };
  delete?: (call: AdminCall, id: string) => Promise<void>;
}

export function registerRecordRoutes<V, Item extends TSchema, Create extends TSchema, Update extends TSchema>(
  app: App,
  spec: RecordRoutes<V, Item, Create, Update>,
): void {
  // Typed by the specs above; the schemas validate what comes in and filter what goes out.
  const untyped = app as unknown as FastifyInstance;
  const config = { auth: 'admin' as const };
  const one = `${spec.path}/:id`;
  const { create, update } = spec;
  if (create) {
    untyped.route({
      method: 'POST',
      url: spec.path,
      config,
      schema: { body: create.body, response: { 201: spec.item, ...lookupErrors } },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(spec.toWire(await create.run(adminCall(request), request.body as Static<Create>))),
    });
  }
  untyped.route({
    method: 'GET',
    url: one,
    config,
    schema: { params: AdminIdParams, response: { 200: spec.item, ...lookupErrors } },
    handler: async (request) => spec.toWire(await spec.get((request as ById).params.id)),
  });
  untyped.route({
    method: 'PATCH',
    url: one,
    config,
    schema: { params: AdminIdParams, body: update.body, response: { 200: spec.item, ...lookupErrors } },
    handler: async (request) =>
      spec.toWire(
        await update.run(adminCall(request), (request as ById).params.id, request.body as Static<Update>),
      ),
  });
  const remove = spec.delete;
  if (remove) {
    untyped.route({
      method: 'DELETE',
      url: one,
      config,
      schema: { params: AdminIdParams, response: { 200: Ok, ...lookupErrors } },
      handler: async (request) => {
        await remove(adminCall(request), (request as ById).params.id);
        return ok;
      },
    });
  }
}
