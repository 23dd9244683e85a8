/**
 * `gatehouse login` and the CLI tokens it yields. A token acts as an `active` session of its user
 * for the few routes the CLI needs, nothing else (each route says whether a CLI token may call
 * it); it is stored hashed, expires, and is revocable. Signing out everywhere lives here too: it
 * ends the portal sessions and the CLI logins together.
 */
import { bindDeps } from '../shared/bind-deps';
import { authenticateCliToken } from './authenticate-cli-token';
import type { CliAuthDeps } from './cli-auth-deps';
import {
  adminListTokens,
  adminRevokeAll,
  adminRevokeToken,
  listOwnTokens,
  revokeOwnToken,
} from './cli-tokens';
import { approveDevice, denyDevice, describeDevice, startDevice } from './device-login';
import { pollToken } from './poll-token';
import { signOutEverywhere } from './sign-out-everywhere';

export function createCliAuthService(deps: CliAuthDeps) {
  return bindDeps(deps, {
    startDevice,
    describeDevice,
    approveDevice,
    denyDevice,
    pollToken,
    authenticate: authenticateCliToken,
    listOwnTokens,
    revokeOwnToken,
    adminListTokens,
    adminRevokeToken,
    adminRevokeAll,
    signOutEverywhere,
  });
}

export type CliAuthService = ReturnType<typeof createCliAuthService>;
