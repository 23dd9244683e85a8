import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/app-error';
import { AwsCallError } from '../shared/aws-call-error';
import { hmacHex } from '../shared/secret-box';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { roleSessionNameFor, sessionTagsFor, sourceIdentityFor, transitiveTagKeysOf } from './aws-names';
import type { BrokerDeps } from './broker-deps';
import { cliLoginIdOf } from './cli-login';
import { explainAwsError } from './explain-aws-error';
import { recordIssuance } from './issuance-audit';
import type { IssuanceKind } from './issuance-audit';
import type { AssumeRoleResult, BrokerIdentity, IssuanceTarget } from './ports';
import { resolveSessionDuration } from './session-duration';

export type Deliver = (
  result: AssumeRoleResult,
  broker: BrokerIdentity,
  durationSeconds: number,
) => Promise<Record<string, unknown>>;

function errorClassOf(err: unknown): string {
  return err instanceof AwsCallError ? err.errorClass : err instanceof AppError ? err.code : 'unknown';
}

/**
 * AssumeRole for an authorised grant, audited fail-closed: `pending` before STS is called,
 * `failed` or `issued` after, each committed before the next step. `deliver` turns the session
 * into what the user gets (a console URL, or nothing more for CLI credentials).
 */
export async function assumeRole(
  deps: BrokerDeps,
  auth: Authenticated,
  target: IssuanceTarget,
  kind: IssuanceKind,
  request: { requestedSeconds: number | undefined; ctx: RequestContext; extra: Record<string, unknown> },
  deliver: Deliver,
) {
  const { ctx } = request;
  const broker = await deps.identity.get();
  if (broker.isFederationToken) {
    // AWS lets GetFederationToken credentials call no STS API but GetCallerIdentity.
    throw new AppError(
      'bad_gateway',
      'Gatehouse runs on GetFederationToken credentials, which cannot assume roles. Give it an IAM role or IAM user credentials.',
    );
  }
  const chained = broker.isRoleSession;
  const duration = resolveSessionDuration({
    requestedSeconds: request.requestedSeconds,
    roleMaxSeconds: target.role.maxSessionSeconds,
    grantMaxSeconds: target.grant.maxSessionSeconds,
    iamMaxSeconds: target.iamMaxSessionSeconds,
    chained,
  });
  const correlationId = randomUUID();
  const loginId = cliLoginIdOf(auth);
  const base = {
    grantId: target.grant.id,
    kind,
    // Revoking a CLI login finds the sessions issued through it by this (revocation/ports.ts).
    loginId,
    roleArn: target.role.arn,
    awsAccountId: target.account.awsAccountId,
    durationSeconds: duration.durationSeconds,
    chained,
    ...request.extra,
  };
  const record = (outcome: 'pending' | 'failed' | 'issued', details: Record<string, unknown>) =>
    recordIssuance(deps.audit, { auth, ctx, kind, outcome, target, details, correlationId });
  // Fail closed: no STS call unless the intent is on record.
  await record('pending', base);

  const tags = sessionTagsFor({
    username: auth.user.username,
    userId: auth.user.id,
    mfa: auth.session.mfaAt !== null,
    grantId: target.grant.id,
    via: kind,
    loginId,
  });
  let result: AssumeRoleResult;
  try {
    result = await deps.sts.assumeRole({
      roleArn: target.role.arn,
      roleSessionName: roleSessionNameFor(auth.user.username),
      durationSeconds: duration.durationSeconds,
      sourceIdentity: sourceIdentityFor(auth.user.id),
      tags,
      transitiveTagKeys: transitiveTagKeysOf(tags),
      ...(target.role.sessionPolicy ? { policy: target.role.sessionPolicy } : {}),
    });
    if (result.credentials.expiration.getTime() <= deps.now().getTime()) {
      throw new AwsCallError('malformed_response', 'STS returned credentials that have already expired');
    }
  } catch (err) {
    const errorClass = err instanceof AwsCallError ? err.errorClass : 'unknown';
    await record('failed', { ...base, step: 'sts', errorClass });
    if (err instanceof AwsCallError) throw explainAwsError(err, target.role, broker, 'sts');
    throw err;
  }
  let delivered: Record<string, unknown>;
  try {
    delivered = await deliver(result, broker, duration.durationSeconds);
  } catch (err) {
    await record('failed', {
      ...base,
      step: 'federation',
      errorClass: errorClassOf(err),
      assumedRoleArn: result.assumedRoleArn,
    });
    if (err instanceof AwsCallError) throw explainAwsError(err, target.role, broker, 'federation');
    throw err;
  }
  // The issued row commits before anything leaves; if it cannot, nothing leaves.
  await record('issued', {
    ...base,
    assumedRoleArn: result.assumedRoleArn,
    assumedRoleId: result.assumedRoleId,
    accessKeyIdHmac: hmacHex(deps.keys.accessKeyId, result.credentials.accessKeyId),
    expiresAt: result.credentials.expiration.toISOString(),
  });
  return { result, duration, delivered };
}
