/**
 * Request schemas mean what they say: a body with an unknown field or a value of the wrong type is
 * refused with one 400 naming every problem by its path (nothing is dropped or converted), while
 * query strings and path parameters, which are text on the wire, still convert to their types.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { GOOD_PASSWORD, createEnrolledUser, createTestApp } from './support';
import type { Browser, TestApp } from './support';

let t: TestApp;
let admin: Browser;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await createEnrolledUser(t, 'strict-admin', { isAdmin: true })).browser;
});
afterAll(async () => {
  await t?.close();
});

function send(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, as: Browser | null = admin) {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(as?.cookie ? { cookie: as.cookie } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** The refused fields of a 400, sorted, as `field: reason`. */
function refused(res: LightMyRequestResponse): string[] {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json() as { error: string; fields: Array<{ field: string; reason: string }> };
  expect(body.error).toBe('validation');
  return body.fields.map((f) => `${f.field}: ${f.reason}`).sort();
}

describe('request bodies', () => {
  it('refuses an unknown field and a number sent as text together, naming both', async () => {
    const res = await send('POST', '/api/access/credentials', {
      grantId: randomUUID(),
      durationSeconds: '3600',
      extra: 1,
    });
    expect(refused(res)).toEqual(['durationSeconds: must be integer', 'extra: is not allowed']);
    expect(res.json().message).toMatch(/durationSeconds/);
    expect(res.json().message).toMatch(/extra/);
  });

  it('names nested and listed problems by their path, and every one of them', async () => {
    const res = await send('POST', '/api/admin/policies/evaluate', {
      document: '{}',
      request: { principalArn: 'arn:aws:iam::123456789012:role/x', actions: ['s3:GetObject', 7], typo: true },
      mfa: 'yes',
    });
    expect(refused(res)).toEqual([
      'mfa: is not allowed',
      'request.actions.1: must be string',
      'request.typo: is not allowed',
    ]);
  });

  it('says which forms a field may take instead of one line per alternative', async () => {
    const res = await send('POST', '/api/admin/accounts', {
      awsAccountId: '123456789012',
      name: 'strict',
      partition: 'aws-eu',
      defaultRegion: 12,
      disabled: 'false',
    });
    expect(refused(res)).toEqual([
      'defaultRegion: must be string or null',
      'disabled: must be boolean',
      'partition: must be one of aws, aws-cn, aws-us-gov',
    ]);
    // A value of the right kind that breaks a finer rule is told that rule; null stays null.
    const console = await send('POST', '/api/access/console', {
      grantId: randomUUID(),
      service: 'x'.repeat(65),
      region: null,
    });
    expect(refused(console)).toEqual(['service: must NOT have more than 64 characters']);
  });

  it('refuses unknown fields on public routes too, before anything is looked up', async () => {
    const res = await send(
      'POST',
      '/api/auth/login',
      { username: 'strict-admin', password: GOOD_PASSWORD, remember: true },
      null,
    );
    expect(refused(res)).toEqual(['remember: is not allowed']);
  });

  it('lists at most 100 problems and counts the rest', async () => {
    const junk = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`junk${i}`, i]));
    const res = await send('POST', '/api/auth/login', { username: 'u', password: 'p', ...junk }, null);
    expect(refused(res)).toHaveLength(100);
    expect(res.json().message).toMatch(/; and 50 more problems\.$/);
  });

  it('still applies declared defaults and accepts what the schema allows', async () => {
    const res = await send('POST', '/api/admin/users', { username: 'defaulted', displayName: 'Defaulted' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.isAdmin).toBe(false);
  });
});

describe('query strings and path parameters', () => {
  it('convert text to the declared types, as documented', async () => {
    const res = await send('GET', '/api/admin/users?limit=1&offset=0');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ limit: 1, offset: 0 });
    const tokens = await send('GET', '/api/admin/cli-tokens?includeInactive=true&limit=5');
    expect(tokens.statusCode, tokens.body).toBe(200);
  });

  it('refuse parameters they do not declare, and text that is not of the type', async () => {
    expect(refused(await send('GET', '/api/admin/users?limt=5&offset=first'))).toEqual([
      'limt: is not allowed',
      'offset: must be integer',
    ]);
  });
});
