/**
 * Role onboarding and revocation for administrators: generate the trust policy a role needs,
 * lint and evaluate pasted policies, check every configured role against IAM (on demand and
 * periodically), discover roles that already trust the broker, and revoke sessions that are
 * already out (by hand, and as the worker applying the revocations that changes schedule). IAM is read (and written) as the broker, or, when configured, as a separate role
 * assumed in each account.
 */
import { bindDeps } from '../shared/bind-deps';
import { applyDueRevocations } from './apply-revocations';
import { discoverRoles, importRoles } from './discover-roles';
import { brokerIdentity } from './iam-access';
import type { OnboardingDeps, OnboardingKit } from './onboarding-deps';
import { evaluatePasted, lintPasted } from './pasted-policy';
import { revokeSessions, revokeUserEverywhere } from './revoke-sessions';
import { getHealth, listHealth, refreshAllHealth, refreshHealth } from './role-health';
import { generateTrust } from './trust-policy';

export function createOnboardingService(deps: OnboardingDeps) {
  const kit: OnboardingKit = { ...deps, sweep: { running: null } };
  return bindDeps(kit, {
    brokerIdentity,
    generate: generateTrust,
    lint: lintPasted,
    evaluate: evaluatePasted,
    listHealth,
    getHealth,
    refresh: refreshHealth,
    refreshAll: refreshAllHealth,
    discover: discoverRoles,
    importRoles,
    revokeSessions,
    revokeUserEverywhere,
    applyDueRevocations,
  });
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
