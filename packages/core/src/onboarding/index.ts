export type * from './ports';
export type { DiscoveredRole } from './discover-roles';
export * from './onboarding-deps';
export * from './onboarding-service';
export type { EvaluateInput, EvaluateResult, StatementRef } from './pasted-policy';
export type { RevocationResult } from './revoke-sessions';
export type { WorkerPass } from './apply-revocations';
