/**
 * `gatehouse login` and the CLI tokens it yields. A token acts as an `active` session of its user
 * for the few routes the CLI needs, nothing else (each route says whether a CLI token may call
 * it); it is stored hashed, expires, and is revocable.
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
  });
}

export type CliAuthService = ReturnType<typeof createCliAuthService>;
