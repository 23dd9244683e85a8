import { Type } from 'typebox';
import type { Static } from 'typebox';
import { StrictObject } from './shared';

export const ErrorBody = Type.Object(
  {
    requestId: Type.String(),
    statusCode: Type.Integer(),
    error: Type.String({
      description: 'Stable machine-readable code, e.g. unauthorized, locked, validation.',
    }),
    message: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const Ok = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;

export const EmptyBody = StrictObject({});
