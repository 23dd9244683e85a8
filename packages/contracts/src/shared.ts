/**
 * Building blocks the contract modules share. Internal: index.ts does not re-export this module,
 * so nothing here is part of the package's surface unless a contract module re-exports it.
 */
import { Type } from 'typebox';
import type { TAddOptional, TObject, TProperties, TSchema } from 'typebox';

// --- primitives --------------------------------------------------------------------------
export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A password as typed: at sign-in, setup, enrolment, re-authentication and when changing it. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
/** A one-time code as typed: from the authenticator app, or a recovery code. */
export const Code = Type.String({ minLength: 1, maxLength: 64 });

/** An object that refuses properties it does not list: every request body and query string. */
export const StrictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

/** The same fields, each one optional: what an update body accepts of a create body's fields. */
export const optionalFields = <T extends TProperties>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, Type.Optional(schema)])) as {
    [K in keyof T]: TAddOptional<T[K]>;
  };

/** When a stored record was created and last changed. */
export const timestamps = { createdAt: DateTime, updatedAt: DateTime };

/** A record as the admin API shows it: its id, its own fields, then its timestamps. */
export const StoredRecord = <T extends TProperties>(fields: T) =>
  Type.Object({ id: Uuid, ...fields, ...timestamps }) as TObject<
    Flatten<{ id: typeof Uuid } & T & typeof timestamps>
  >;

/** One object type instead of an intersection, so a record's type reads as its fields. */
type Flatten<T> = { [K in keyof T]: T[K] };

// --- field groups ------------------------------------------------------------------------
export const PartitionSchema = Type.Union([
  Type.Literal('aws'),
  Type.Literal('aws-cn'),
  Type.Literal('aws-us-gov'),
]);

/** An AWS account as every response shows it: the portal's MyAccount and the admin's AdminAccount. */
export const awsAccountFields = {
  awsAccountId: Type.String(),
  name: Type.String(),
  partition: PartitionSchema,
  colour: Type.String(),
  description: Type.String(),
  defaultRegion: Nullable(Type.String()),
};
