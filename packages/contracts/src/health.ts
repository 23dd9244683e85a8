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
    /**
     * Informational: revocations at AWS failing or given up (the admin UI and
     * `npm run admin -- revocations` say which). The portal keeps serving either way.
     */
    revocations: Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('unknown')]),
  }),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
  /** How many revocations are failing or were given up, when there are any. */
  revocationProblems: Type.Optional(Type.Integer()),
});
export type Readiness = Static<typeof Readiness>;
