import { Type } from 'typebox';
import type { Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok') });

export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
    /** Informational: sign-in works without AWS, so readiness does not depend on it. */
    aws: Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('unknown')]),
  }),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
});
export type Readiness = Static<typeof Readiness>;
