/**
 * The routes every administered record type has alike: list them, read one, change one, and
 * (where the type has them) create and delete. Each is an admin route; anything particular to a
 * type (a paged list, a bulk create, actions on a record) is declared in that type's file.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { AdminIdParams, Ok } from '@gatehouse/contracts';
import type { AdminCall } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { lookupErrors, ok } from '../route-kit';
import type { App } from '../route-kit';

type ById = FastifyRequest<{ Params: { id: string } }>;

export interface RecordService<V, C, U, Q> {
  list?: (query: Q) => Promise<V[]>;
  get: (id: string) => Promise<V>;
  create?: (call: AdminCall, body: C) => Promise<V>;
  update: (call: AdminCall, id: string, body: U) => Promise<V>;
  delete?: (call: AdminCall, id: string) => Promise<void>;
}

export interface RecordSchemas<Item, Create, Update, Query> {
  item: Item;
  update: Update;
  /** The create route's body; no create route without it. */
  create?: Create;
  /** The list route's answer, `{ <collection>: [...] }`; no list route without it. */
  list?: TSchema;
  query?: Query;
}

/** `path` is the collection, e.g. `/api/admin/groups`; its last segment names the list's field. */
export function registerRecordRoutes<
  V,
  Item extends TSchema,
  Create extends TSchema,
  Update extends TSchema,
  Query extends TSchema,
>(
  app: App,
  path: string,
  schemas: RecordSchemas<Item, Create, Update, Query>,
  service: RecordService<V, Static<Create>, Static<Update>, Static<Query>>,
  toWire: (record: V) => Static<Item>,
): void {
  // Typed by the arguments above; the schemas validate what comes in and filter what goes out.
  const untyped = app as unknown as FastifyInstance;
  const config = { auth: 'admin' as const };
  const one = `${path}/:id`;
  const { list, create, delete: remove } = service;
  if (schemas.list && list) {
    const key = path.slice(path.lastIndexOf('/') + 1);
    untyped.route({
      method: 'GET',
      url: path,
      config,
      schema: {
        ...(schemas.query ? { querystring: schemas.query } : {}),
        response: { 200: schemas.list, ...lookupErrors },
      },
      handler: async (request) => ({ [key]: (await list(request.query as Static<Query>)).map(toWire) }),
    });
  }
  if (schemas.create && create) {
    untyped.route({
      method: 'POST',
      url: path,
      config,
      schema: { body: schemas.create, response: { 201: schemas.item, ...lookupErrors } },
      handler: async (request, reply) =>
        reply.status(201).send(toWire(await create(adminCall(request), request.body as Static<Create>))),
    });
  }
  untyped.route({
    method: 'GET',
    url: one,
    config,
    schema: { params: AdminIdParams, response: { 200: schemas.item, ...lookupErrors } },
    handler: async (request) => toWire(await service.get((request as ById).params.id)),
  });
  untyped.route({
    method: 'PATCH',
    url: one,
    config,
    schema: { params: AdminIdParams, body: schemas.update, response: { 200: schemas.item, ...lookupErrors } },
    handler: async (request) =>
      toWire(
        await service.update(adminCall(request), (request as ById).params.id, request.body as Static<Update>),
      ),
  });
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
