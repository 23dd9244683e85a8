/** Sign-in, sessions, enrolment, step-up and the user's own account, bound to their ports. */
import { bindDeps } from '../shared/bind-deps';
import { authenticate } from './authenticate';
import { beginEnrolment, confirmEnrolment } from './enrol-totp';
import { completeEnrolmentLink } from './enrolment-link';
import { completeSetup, createSetupTokenIfNeeded, setupStatus } from './first-admin-setup';
import type { IdentityDeps } from './identity-deps';
import { changePassword, regenerateRecoveryCodes, resetOwnMfa } from './own-account';
import { discardSession, endSession, listSessions, logout } from './own-sessions';
import { useRecoveryCode, verifyTotp } from './second-step';
import { login } from './sign-in';
import { confirmFreshCode, stepUp } from './step-up';
import { sweepSessions } from './sweep-sessions';

export function createIdentityService(deps: IdentityDeps) {
  return bindDeps(deps, {
    createSetupTokenIfNeeded,
    setupStatus,
    completeSetup,
    login,
    verifyTotp,
    useRecoveryCode,
    beginEnrolment,
    confirmEnrolment,
    completeEnrolmentLink,
    authenticate,
    stepUp,
    confirmFreshCode,
    logout,
    discardSession,
    changePassword,
    resetOwnMfa,
    regenerateRecoveryCodes,
    listSessions,
    endSession,
    sweepSessions,
  });
}

export type IdentityService = ReturnType<typeof createIdentityService>;
