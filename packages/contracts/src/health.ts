import { Type } from 'typebox';
import type { Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok') });

export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
  }),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
});
export type Readiness = Static<typeof Readiness>;
