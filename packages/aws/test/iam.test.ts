import { AwsCallError } from '@gatehouse/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIamGateway, decodePolicyDocument } from '../src/index';
import { MOTO_ACCOUNT as ACCOUNT, createMotoRoles, iamError } from '../src/testing/index';
import type { Reply } from '../src/testing/index';
import { assumeInMoto, failure, useHermeticEnv, useHttpDoubles, useMotoServer } from './helpers/aws';

const OTHER = '210987654321';

const moto = useMotoServer();
const useEnv = useHermeticEnv();
const double = useHttpDoubles();

/** Characters IAM percent-encodes: spaces, quotes, braces, "+", "%", "/", ":" and Latin-1. */
const TRUST = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GatehouseBroker',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/gate+house` },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: { StringLike: { 'sts:SourceIdentity': '*%* café' } },
      },
    ],
  },
  null,
  2,
);

function createRoles(names: string[], options: { path?: string; max?: number } = {}) {
  return createMotoRoles(
    moto.endpoint,
    names.map((roleName) => ({
      roleName,
      path: options.path ?? '/',
      trustPolicy: TRUST,
      maxSessionDuration: options.max ?? 3600,
    })),
  );
}

beforeAll(async () => {
  await createRoles(['health-target'], { path: '/team/', max: 43200 });
  await createRoles(['list-a', 'list-b', 'list-c'], { path: '/listing/' });
});

/** A double answering every IAM call with `fallback`, and the gateway that calls it. */
async function failingIam(fallback: Reply) {
  const d = await double({ fallback });
  useEnv({ AWS_ENDPOINT_URL_IAM: d.url });
  return { d, iam: createIamGateway().own('aws') };
}

describe('IAM against moto (documents come back URL-encoded)', () => {
  it('GetRole returns the trust policy decoded, byte for byte, with path and MaxSessionDuration', async () => {
    const recorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL_IAM: recorder.url });
    const role = await createIamGateway().own('aws').getRole('health-target');
    expect(role).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:role/team/health-target`,
      roleName: 'health-target',
      path: '/team/',
      maxSessionSeconds: 43200,
    });
    expect(role?.roleId).toMatch(/^AROA/);
    expect(role?.trustPolicy).toBe(TRUST);
    // What actually crossed the wire was percent-encoded; the adapter is what decoded it.
    expect(recorder.requests).toHaveLength(1);
  });

  it('GetRole of a role that does not exist is null', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    expect(await createIamGateway().own('aws').getRole('no-such-role')).toBeNull();
  });

  it('ListRoles follows pagination, filters by path and says when it stopped early', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    const iam = createIamGateway().own('aws');
    const all = await iam.listRoles({ pathPrefix: '/listing/' });
    expect(all.truncated).toBe(false);
    expect(all.roles.map((r) => r.roleName).sort()).toEqual(['list-a', 'list-b', 'list-c']);
    expect(all.roles.every((r) => r.trustPolicy === TRUST)).toBe(true);
    const some = await iam.listRoles({ pathPrefix: '/listing/', limit: 2 });
    expect(some).toMatchObject({ truncated: true });
    expect(some.roles).toHaveLength(2);
  });

  it('PutRolePolicy, ListRolePolicies and GetRolePolicy round-trip the exact document', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    const iam = createIamGateway().own('aws');
    const document = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: ['*'],
            Resource: ['*'],
            Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-03-01T12:00:00.000Z' } },
          },
        ],
      },
      null,
      2,
    );
    expect(await iam.getRolePolicy('health-target', 'AWSRevokeOlderSessions')).toBeNull();
    await iam.putRolePolicy('health-target', 'AWSRevokeOlderSessions', document);
    expect(await iam.listRolePolicies('health-target')).toEqual(['AWSRevokeOlderSessions']);
    expect(await iam.getRolePolicy('health-target', 'AWSRevokeOlderSessions')).toBe(document);
  });

  it('reads and writes another account through the configured IAM role', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    // moto files IAM calls under the account of the credentials' assumed role.
    const c = await assumeInMoto(moto.endpoint, `arn:aws:iam::${OTHER}:role/setup`, 'setup');
    await createMotoRoles(
      moto.endpoint,
      [{ roleName: 'only-in-other', path: '/', trustPolicy: TRUST, maxSessionDuration: 3600 }],
      { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
    );

    const gateway = createIamGateway();
    expect(await gateway.own('aws').getRole('only-in-other')).toBeNull();
    const other = gateway.viaRole(`arn:aws:iam::${OTHER}:role/gatehouse-iam`);
    const role = await other.getRole('only-in-other');
    expect(role?.arn).toBe(`arn:aws:iam::${OTHER}:role/only-in-other`);
    await other.putRolePolicy(
      'only-in-other',
      'GatehouseRevokeUserSessions',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
    );
    expect(await other.listRolePolicies('only-in-other')).toEqual(['GatehouseRevokeUserSessions']);
  });

  it('assumes the IAM role once and reuses the credentials until they near expiry', async () => {
    const stsRecorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint, AWS_ENDPOINT_URL_STS: stsRecorder.url });
    const other = createIamGateway().viaRole(`arn:aws:iam::${OTHER}:role/gatehouse-iam`);
    await other.getRole('only-in-other');
    await other.listRolePolicies('only-in-other');
    expect(stsRecorder.requests).toHaveLength(1);
    const sent = Object.fromEntries(new URLSearchParams(stsRecorder.requests[0]?.body ?? ''));
    expect(sent).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: `arn:aws:iam::${OTHER}:role/gatehouse-iam`,
      RoleSessionName: 'gatehouse-iam',
      DurationSeconds: '900',
    });
  });
});

describe('IAM failures', () => {
  it('AccessDenied is access_denied, with the operation and AWS message, and is not retried', async () => {
    const { d, iam } = await failingIam({
      status: 403,
      body: iamError('AccessDenied', 'not authorized to perform: iam:PutRolePolicy'),
    });
    const err = await failure(iam.putRolePolicy('r', 'p', '{}'));
    expect(err).toMatchObject({ errorClass: 'access_denied', awsCode: 'AccessDenied', attempts: 1 });
    expect(err.message).toBe(
      'IAM PutRolePolicy denied (AccessDenied): not authorized to perform: iam:PutRolePolicy',
    );
    expect(d.requests).toHaveLength(1);
  });

  it('throttling is retried, then the call succeeds', async () => {
    const d = await double({ upstream: moto.endpoint });
    d.queue.push({ status: 400, body: iamError('Throttling', 'Rate exceeded') });
    useEnv({ AWS_ENDPOINT_URL_IAM: d.url });
    const role = await createIamGateway().own('aws').getRole('health-target');
    expect(role?.roleName).toBe('health-target');
    expect(d.requests).toHaveLength(2);
  });

  it('a policy IAM rejects is invalid_request', async () => {
    const { iam } = await failingIam({
      status: 409,
      body: iamError('LimitExceeded', 'Maximum policy size of 10240 bytes exceeded'),
    });
    const err = await failure(iam.putRolePolicy('r', 'p', '{}'));
    expect(err).toMatchObject({ errorClass: 'invalid_request', awsCode: 'LimitExceeded' });
  });

  it('gives up at the deadline when IAM never answers', async () => {
    const d = await double({ fallback: 'stall' });
    useEnv({ AWS_ENDPOINT_URL_IAM: d.url });
    const started = Date.now();
    const err = await failure(createIamGateway({ timeoutMs: 600 }).own('aws').getRole('r'));
    expect(err.errorClass).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('an IAM role that cannot be assumed is reported as such', async () => {
    const d = await double({
      fallback: { status: 403, body: iamError('AccessDenied', 'not authorized to perform: sts:AssumeRole') },
    });
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint, AWS_ENDPOINT_URL_STS: d.url });
    const err = await failure(
      createIamGateway().viaRole(`arn:aws:iam::${OTHER}:role/gatehouse-iam`).getRole('r'),
    );
    expect(err.errorClass).toBe('access_denied');
    expect(err.message).toContain(
      `STS AssumeRole of Gatehouse's IAM role arn:aws:iam::${OTHER}:role/gatehouse-iam denied`,
    );
  });
});

describe('decodePolicyDocument', () => {
  it('decodes percent-encoding and leaves a document that was never encoded alone', () => {
    expect(decodePolicyDocument('%7B%22a%22%3A%20%22b%2Bc%25%22%7D')).toBe('{"a": "b+c%"}');
    expect(decodePolicyDocument('{"a": "100%"}')).toBe('{"a": "100%"}');
  });

  it('refuses malformed encoding', () => {
    expect(() => decodePolicyDocument('%7B%ZZ')).toThrow(AwsCallError);
  });
});
