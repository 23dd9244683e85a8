import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssumeRoleRequest, StsPort } from '@gatehouse/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStsAdapter } from '../src/index';
import { MOTO_ACCOUNT as ACCOUNT, assumeRoleXml, createMotoRoles, stsError } from '../src/testing/index';
import type { HttpDouble } from '../src/testing/index';
import { HERMETIC_AWS_ENV } from './helpers/env';
import { failure, useHermeticEnv, useHttpDoubles, useMotoServer } from './helpers/aws';

const ENV_KEY_ID = HERMETIC_AWS_ENV['AWS_ACCESS_KEY_ID'] as string;

const moto = useMotoServer();
/** Sets endpoint variables for one test; restored after it. */
const useEnv = useHermeticEnv();
const double = useHttpDoubles();

beforeAll(async () => {
  await createMotoRoles(moto.endpoint, [
    {
      roleName: 'gatehouse-target',
      path: '/team/',
      trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
      maxSessionDuration: 43_200,
    },
  ]);
});

function request(overrides: Partial<AssumeRoleRequest> = {}): AssumeRoleRequest {
  return {
    roleArn: `arn:aws:iam::${ACCOUNT}:role/team/gatehouse-target`,
    roleSessionName: 'alice',
    durationSeconds: 3_600,
    sourceIdentity: 'gh-user-42',
    tags: [
      { key: 'gatehouse:user', value: 'alice' },
      { key: 'gatehouse:mfa', value: 'true' },
      { key: 'gatehouse:grant', value: 'grant-7' },
    ],
    transitiveTagKeys: ['gatehouse:grant'],
    ...overrides,
  };
}

function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

describe('endpoint and credential configuration (SDK v3 itself, no code of ours)', () => {
  it('reaches moto through the default credential chain and AWS_ENDPOINT_URL', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    const identity = await createStsAdapter().getCallerIdentity();
    expect(identity).toMatchObject({
      account: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:user/moto`,
      partition: 'aws',
      isRoleSession: false,
      isFederationToken: false,
    });
  });

  it('prefers AWS_ENDPOINT_URL_STS over AWS_ENDPOINT_URL, signs with env keys, falls back to us-east-1', async () => {
    const recorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_STS: recorder.url });
    await createStsAdapter().getCallerIdentity();
    expect(recorder.requests).toHaveLength(1);
    expect(form(recorder.requests[0]?.body ?? '')).toMatchObject({ Action: 'GetCallerIdentity' });
    expect(recorder.requests[0]?.headers.authorization).toMatch(
      new RegExp(`Credential=${ENV_KEY_ID}/\\d{8}/us-east-1/sts/aws4_request`),
    );
  });

  it('takes the region from AWS_REGION, and an explicit region and credentials over the chain', async () => {
    const recorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL_STS: recorder.url, AWS_REGION: 'eu-west-1' });
    await createStsAdapter().getCallerIdentity();
    await createStsAdapter({
      region: 'ap-northeast-1',
      credentials: async () => ({ accessKeyId: 'AKIDEXPLICIT', secretAccessKey: 'explicit' }),
    }).getCallerIdentity();
    expect(recorder.requests.map((r) => r.headers.authorization)).toEqual([
      expect.stringMatching(new RegExp(`Credential=${ENV_KEY_ID}/\\d{8}/eu-west-1/sts/`)),
      expect.stringMatching(/Credential=AKIDEXPLICIT\/\d{8}\/ap-northeast-1\/sts\//),
    ]);
  });

  it('says so when the default chain finds no credentials', async () => {
    useEnv({
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    const err = await failure(createStsAdapter().getCallerIdentity());
    expect(err).toMatchObject({ errorClass: 'unknown', attempts: 1 });
    expect(err.message).toContain('no AWS credentials');
  });

  it('has no code that reads process.env (the SDK does, from its own chain)', async () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = await readFile(join(src, file), 'utf8');
      expect(text, file).not.toMatch(
        /process\s*(\.|\[\s*['"`])\s*env|\{\s*env\s*\}\s*=\s*process|import[^;]*\benv\b[^;]*node:process/,
      );
    }
  });
});

describe('assumeRole against moto', () => {
  it('returns the session and sends RoleArn, RoleSessionName, DurationSeconds, SourceIdentity, Tags, TransitiveTagKeys and Policy', async () => {
    // moto (5.2) neither echoes nor keeps SourceIdentity, tags or transitive keys (GetCallerIdentity
    // shows none of them), so a recorder in front of it shows what went on the wire; moto answering
    // 200 shows it accepts them.
    const recorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL_STS: recorder.url });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    const result = await createStsAdapter().assumeRole(request({ policy }));

    expect(result.assumedRoleArn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/gatehouse-target/alice`);
    expect(result.assumedRoleId).toMatch(/^AROA[A-Z0-9]+:alice$/);
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(result.credentials.secretAccessKey).not.toBe('');
    expect(result.credentials.sessionToken).not.toBe('');
    expect(result.credentials.expiration.getTime()).toBeGreaterThan(Date.now() + 3_500_000);

    expect(recorder.requests).toHaveLength(1);
    expect(form(recorder.requests[0]?.body ?? '')).toEqual({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/team/gatehouse-target`,
      RoleSessionName: 'alice',
      DurationSeconds: '3600',
      SourceIdentity: 'gh-user-42',
      'Tags.member.1.Key': 'gatehouse:user',
      'Tags.member.1.Value': 'alice',
      'Tags.member.2.Key': 'gatehouse:mfa',
      'Tags.member.2.Value': 'true',
      'Tags.member.3.Key': 'gatehouse:grant',
      'Tags.member.3.Value': 'grant-7',
      'TransitiveTagKeys.member.1': 'gatehouse:grant',
      Policy: policy,
    });
  });

  it('leaves Tags, TransitiveTagKeys and Policy out when there are none', async () => {
    const recorder = await double({ upstream: moto.endpoint });
    useEnv({ AWS_ENDPOINT_URL_STS: recorder.url });
    await createStsAdapter().assumeRole(request({ tags: [], transitiveTagKeys: [] }));
    const sent = form(recorder.requests[0]?.body ?? '');
    // The SDK would send an empty list as a bare `TransitiveTagKeys=`.
    expect(
      Object.keys(sent).filter(
        (k) => k.startsWith('Tags') || k.startsWith('TransitiveTagKeys') || k === 'Policy',
      ),
    ).toEqual([]);
    expect(sent['SourceIdentity']).toBe('gh-user-42');
  });

  it('sees itself as a role session when running on the assumed credentials', async () => {
    useEnv({ AWS_ENDPOINT_URL: moto.endpoint });
    const { credentials } = await createStsAdapter().assumeRole(request({ roleSessionName: 'broker' }));
    const identity = await createStsAdapter({ credentials: async () => credentials }).getCallerIdentity();
    expect(identity).toMatchObject({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/gatehouse-target/broker`,
      isRoleSession: true,
      // The role lives under /team/, which the session ARN does not say.
      principalArn: `arn:aws:iam::${ACCOUNT}:role/gatehouse-target`,
    });
  });
});

describe('errors and retries against a fault server', () => {
  async function faulty(fallback: Parameters<typeof double>[0]): Promise<{ d: HttpDouble; sts: StsPort }> {
    const d = await double(fallback);
    useEnv({ AWS_ENDPOINT_URL_STS: d.url });
    return { d, sts: createStsAdapter({ maxAttempts: 3, timeoutMs: 5_000 }) };
  }

  it('retries 5xx up to the bound and then reports server_error', async () => {
    const { d, sts } = await faulty({
      fallback: { status: 500, body: stsError('InternalFailure', 'boom', 'Receiver') },
    });
    const err = await failure(sts.assumeRole(request()));
    expect(err.errorClass).toBe('server_error');
    expect(err.attempts).toBe(3);
    expect(d.requests).toHaveLength(3);
  });

  it('retries a 503 with a non-XML body, and succeeds when the next answer is good', async () => {
    const { d, sts } = await faulty({ fallback: { status: 200, body: assumeRoleXml() } });
    d.queue.push({ status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } });
    const result = await sts.assumeRole(request());
    expect(result.assumedRoleArn).toBe('arn:aws:sts::123456789012:assumed-role/fake/session');
    expect(d.requests).toHaveLength(2);
  });

  it.each([
    ['Throttling', 400],
    ['TooManyRequestsException', 400],
    ['RequestLimitExceeded', 503],
  ])('retries %s (HTTP %i) up to the bound and reports throttled', async (code, status) => {
    const { d, sts } = await faulty({ fallback: { status, body: stsError(code, 'Rate exceeded') } });
    const err = await failure(sts.getCallerIdentity());
    expect(err).toMatchObject({ errorClass: 'throttled', awsCode: code, attempts: 3 });
    expect(d.requests).toHaveLength(3);
  });

  it('does not retry AccessDenied', async () => {
    const message = `User: arn:aws:sts::${ACCOUNT}:assumed-role/broker/i-1 is not authorized to perform: sts:AssumeRole`;
    const { d, sts } = await faulty({ fallback: { status: 403, body: stsError('AccessDenied', message) } });
    const err = await failure(sts.assumeRole(request()));
    expect(err).toMatchObject({ errorClass: 'access_denied', awsCode: 'AccessDenied', attempts: 1 });
    expect(err.message).toContain('is not authorized to perform: sts:AssumeRole');
    expect(d.requests).toHaveLength(1);
  });

  it.each([
    ['ValidationError', 400, 'invalid_request'],
    ['MalformedPolicyDocument', 400, 'invalid_request'],
    ['NoSuchEntity', 404, 'not_found'],
    ['ExpiredToken', 400, 'access_denied'],
    ['RegionDisabledException', 403, 'access_denied'],
  ])('maps %s (HTTP %i) to %s without retrying', async (code, status, errorClass) => {
    const { d, sts } = await faulty({ fallback: { status, body: stsError(code, 'nope') } });
    const err = await failure(sts.assumeRole(request()));
    expect(err).toMatchObject({ errorClass, awsCode: code, attempts: 1 });
    expect(d.requests).toHaveLength(1);
  });

  it('reports a reset connection as network, without retrying', async () => {
    const { d, sts } = await faulty({ fallback: 'reset' });
    const err = await failure(sts.getCallerIdentity());
    expect(err).toMatchObject({ errorClass: 'network', attempts: 1 });
    expect(err.message).toContain('ECONNRESET');
    expect(d.requests).toHaveLength(1);
  });

  it('reports a refused connection as network', async () => {
    const d = await double();
    const url = d.url;
    await d.close();
    useEnv({ AWS_ENDPOINT_URL_STS: url });
    const err = await failure(createStsAdapter().getCallerIdentity());
    expect(err).toMatchObject({ errorClass: 'network', attempts: 1 });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('gives up on a stalled server within the timeout', async () => {
    const d = await double({ fallback: 'stall' });
    useEnv({ AWS_ENDPOINT_URL_STS: d.url });
    const started = Date.now();
    const err = await failure(createStsAdapter({ timeoutMs: 800 }).assumeRole(request()));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ errorClass: 'timeout', attempts: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(2_000);
    expect(d.requests).toHaveLength(1);
  });

  it('keeps retries inside the overall timeout', async () => {
    const d = await double({
      fallback: { status: 500, body: stsError('InternalFailure', 'slow', 'Receiver') },
    });
    useEnv({ AWS_ENDPOINT_URL_STS: d.url });
    d.queue.push({ status: 500, body: stsError('InternalFailure', 'x', 'Receiver') }, 'stall');
    const started = Date.now();
    const err = await failure(createStsAdapter({ timeoutMs: 1_000, maxAttempts: 5 }).getCallerIdentity());
    expect(err.errorClass).toBe('timeout');
    expect(err.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  describe('malformed AssumeRole answers', () => {
    const SECRET = 'do-not-echo-this-secret';
    it.each([
      ['no Credentials', { credentials: false }],
      ['no AccessKeyId', { accessKeyId: null, secretAccessKey: SECRET }],
      ['no SecretAccessKey', { secretAccessKey: null }],
      ['no SessionToken', { sessionToken: null, secretAccessKey: SECRET }],
      ['no Expiration', { expiration: null, secretAccessKey: SECRET }],
      ['an Expiration in the past', { expiration: '2001-01-01T00:00:00Z', secretAccessKey: SECRET }],
      ['no AssumedRoleUser', { assumedRoleUser: false, secretAccessKey: SECRET }],
      ['no AssumedRoleUser Arn', { arn: null, secretAccessKey: SECRET }],
    ])('rejects %s', async (_label, fake) => {
      const { d, sts } = await faulty({ fallback: { status: 200, body: assumeRoleXml(fake) } });
      const err = await failure(sts.assumeRole(request()));
      expect(err).toMatchObject({ errorClass: 'malformed_response', attempts: 1 });
      expect(err.message).not.toContain(SECRET);
      expect(err.cause).toBeUndefined();
      expect(d.requests).toHaveLength(1);
    });

    it('rejects a 200 that is not XML', async () => {
      const { sts } = await faulty({ fallback: { status: 200, body: `{"SecretAccessKey":"${SECRET}"` } });
      const err = await failure(sts.assumeRole(request()));
      expect(err.errorClass).toBe('malformed_response');
      expect(err.message).not.toContain(SECRET);
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(SECRET);
    });

    it('rejects a GetCallerIdentity answer without an ARN', async () => {
      const { sts } = await faulty({
        fallback: {
          status: 200,
          body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Account>${ACCOUNT}</Account><UserId>x</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>`,
        },
      });
      expect((await failure(sts.getCallerIdentity())).errorClass).toBe('malformed_response');
    });
  });

  it('refuses limits outside the design', () => {
    expect(() => createStsAdapter({ timeoutMs: 30_000 })).toThrow(RangeError);
    expect(() => createStsAdapter({ maxAttempts: 0 })).toThrow(RangeError);
  });
});
