import type { AwsCallError, AwsCredentials, FederationPort } from '@gatehouse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederationAdapter } from '../src/index';
import { MOTO_ACCOUNT as ACCOUNT, createMotoRoles, startFederationStandIn } from '../src/testing/index';
import type { FederationStandIn, HttpDouble } from '../src/testing/index';
import { assumeInMoto, failure, useHttpDoubles, useMotoServer } from './helpers/aws';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/gatehouse-console`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/gatehouse-console/alice`;
const ISSUER = 'https://gatehouse.example.com/';
const DESTINATION = 'https://console.aws.amazon.com/ec2/home?region=eu-west-1';

const moto = useMotoServer();
/** Fault servers in place of the federation endpoint. */
const faulty = useHttpDoubles();
let standIn: FederationStandIn;
let credentials: AwsCredentials;
const federation: FederationPort = createFederationAdapter();

beforeAll(async () => {
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  await createMotoRoles(moto.endpoint, [{ roleName: 'gatehouse-console', trustPolicy: '{}' }]);
  credentials = await assumeInMoto(moto.endpoint, ROLE_ARN, 'alice');
});

afterAll(async () => {
  await standIn?.close();
});

function loginUrl(token: string, destination = DESTINATION): string {
  const url = new URL(standIn.url);
  url.search = new URLSearchParams({
    Action: 'login',
    Issuer: ISSUER,
    Destination: destination,
    SigninToken: token,
  }).toString();
  return url.href;
}

function rawGetSigninToken(session: unknown, duration?: string): Promise<Response> {
  const url = new URL(standIn.url);
  url.searchParams.set('Action', 'getSigninToken');
  url.searchParams.set('Session', typeof session === 'string' ? session : JSON.stringify(session));
  if (duration !== undefined) url.searchParams.set('SessionDuration', duration);
  return fetch(url, { headers: { accept: 'application/json' } });
}

function validSession(): Record<string, string> {
  return {
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  };
}

describe('federation adapter against the stand-in', () => {
  it('gets a SigninToken without sending SessionDuration when none is given', async () => {
    const before = standIn.requests.length;
    const token = await federation.getSigninToken({ federationUrl: standIn.url, credentials });
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(standIn.requests.slice(before)).toEqual([{ action: 'getSigninToken', sessionDuration: null }]);
  });

  it('sends SessionDuration when given', async () => {
    const before = standIn.requests.length;
    await federation.getSigninToken({
      federationUrl: standIn.url,
      credentials,
      sessionDurationSeconds: 43_200,
    });
    expect(standIn.requests.slice(before)).toEqual([{ action: 'getSigninToken', sessionDuration: '43200' }]);
  });

  it('checks SessionDuration before sending anything', async () => {
    const before = standIn.requests.length;
    for (const sessionDurationSeconds of [899, 43_201, 3_600.5]) {
      const err = await failure(
        federation.getSigninToken({ federationUrl: standIn.url, credentials, sessionDurationSeconds }),
      );
      expect(err.errorClass).toBe('invalid_request');
    }
    expect(standIn.requests.length).toBe(before);
  });

  it('lands on a page that shows the assumed-role ARN, destination and issuer; the token is single use', async () => {
    const token = await federation.getSigninToken({
      federationUrl: standIn.url,
      credentials,
      sessionDurationSeconds: 3_600,
    });
    const page = await fetch(loginUrl(token));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(`Signed in as <code id="signed-in-as">${SESSION_ARN}</code>`);
    expect(html).toContain(DESTINATION.replace('&', '&amp;'));
    expect(html).toContain(ISSUER);
    expect(html).toContain('3600 seconds');

    const again = await fetch(loginUrl(token));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('invalid, expired or already used');
  });

  it('answers JSON to Accept: application/json', async () => {
    const token = await federation.getSigninToken({ federationUrl: standIn.url, credentials });
    const response = await fetch(loginUrl(token), { headers: { accept: 'application/json' } });
    expect(await response.json()).toEqual({
      signedInAs: SESSION_ARN,
      destination: DESTINATION,
      issuer: ISSUER,
      sessionDurationSeconds: null,
    });
  });

  it('escapes what it echoes', async () => {
    const token = await federation.getSigninToken({ federationUrl: standIn.url, credentials });
    const html = await (
      await fetch(loginUrl(token, 'https://console.aws.amazon.com/"><script>alert(1)</script>'))
    ).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses unknown tokens', async () => {
    expect((await fetch(loginUrl('made-up-token'))).status).toBe(400);
  });

  it('expires tokens', async () => {
    const shortLived = await startFederationStandIn({ stsEndpoint: moto.endpoint, tokenTtlMs: 50 });
    try {
      const token = await federation.getSigninToken({ federationUrl: shortLived.url, credentials });
      await new Promise((resolve) => setTimeout(resolve, 120));
      const url = new URL(loginUrl(token));
      url.host = new URL(shortLived.url).host;
      expect((await fetch(url)).status).toBe(400);
    } finally {
      await shortLived.close();
    }
  });

  it.each([
    ['not JSON', '{sessionId:'],
    ['a JSON array', []],
    ['a missing key', { sessionId: 'a', sessionKey: 'b' }],
    ['an extra key', { sessionId: 'a', sessionKey: 'b', sessionToken: 'c', sessionDuration: '900' }],
    ['a misspelt key', { sessionId: 'a', sessionKey: 'b', SessionToken: 'c' }],
    ['a non-string value', { sessionId: 'a', sessionKey: 'b', sessionToken: 3 }],
  ])('answers 400 to a Session that is %s', async (_label, session) => {
    expect((await rawGetSigninToken(session)).status).toBe(400);
  });

  it.each(['899', '43201', '3600.5', '1e4', 'abc', '', '-900'])(
    'answers 400 to SessionDuration=%j',
    async (duration) => {
      const response = await rawGetSigninToken(validSession(), duration);
      expect(response.status).toBe(400);
    },
  );

  it.each(['900', '43200'])('accepts SessionDuration=%s', async (duration) => {
    const response = await rawGetSigninToken(validSession(), duration);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ SigninToken: expect.any(String) });
  });

  it('refuses access keys that moto never issued (moto itself accepts any key)', async () => {
    const fake: AwsCredentials = {
      accessKeyId: 'ASIAFAKEFAKEFAKEFAKE',
      secretAccessKey: 'fake-secret-key-material',
      sessionToken: 'fake-session-token-material',
      expiration: new Date(Date.now() + 3_600_000),
    };
    const err = await failure(federation.getSigninToken({ federationUrl: standIn.url, credentials: fake }));
    expect(err).toMatchObject({ errorClass: 'access_denied', attempts: 1 });
    expect(err.message).not.toContain(fake.secretAccessKey);
    expect(err.message).not.toContain(fake.sessionToken);
  });

  it('answers 404 and 405 outside GET /federation', async () => {
    expect((await fetch(new URL('/elsewhere', standIn.url))).status).toBe(404);
    expect((await fetch(standIn.url, { method: 'POST' })).status).toBe(405);
  });
});

describe('federation adapter against a fault server', () => {
  const call = (d: HttpDouble, options: { timeoutMs?: number; maxAttempts?: number } = {}): Promise<string> =>
    createFederationAdapter(options).getSigninToken({ federationUrl: `${d.url}/federation`, credentials });

  function expectNoSecrets(err: AwsCallError): void {
    const everything = JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err.stack);
    expect(everything).not.toContain(credentials.secretAccessKey);
    expect(everything).not.toContain(credentials.sessionToken);
    expect(everything).not.toContain(encodeURIComponent(credentials.secretAccessKey));
    expect(everything).not.toContain('Session=');
  }

  it('retries 5xx up to the bound', async () => {
    const d = await faulty({ fallback: { status: 502, body: 'bad gateway' } });
    const err = await failure(call(d));
    expect(err).toMatchObject({ errorClass: 'server_error', attempts: 3 });
    expect(d.requests).toHaveLength(3);
    expectNoSecrets(err);
  });

  it('retries a reset connection, then succeeds', async () => {
    const d = await faulty({ fallback: { status: 200, body: '{"SigninToken":"tok-123"}' } });
    d.queue.push('reset', { status: 503 });
    expect(await call(d)).toBe('tok-123');
    expect(d.requests).toHaveLength(3);
  });

  it('sends the documented query', async () => {
    const d = await faulty({ fallback: { status: 200, body: '{"SigninToken":"tok"}' } });
    await createFederationAdapter().getSigninToken({
      federationUrl: `${d.url}/federation`,
      credentials,
      sessionDurationSeconds: 900,
    });
    const url = new URL(d.requests[0]?.url ?? '', d.url);
    expect(url.pathname).toBe('/federation');
    expect([...url.searchParams.keys()]).toEqual(['Action', 'Session', 'SessionDuration']);
    expect(url.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(url.searchParams.get('Session') ?? '')).toEqual(validSession());
    expect(url.searchParams.get('SessionDuration')).toBe('900');
    expect(d.requests[0]?.method).toBe('GET');
  });

  it.each([
    [400, 'invalid_request'],
    [403, 'access_denied'],
    [404, 'not_found'],
  ])('maps HTTP %i to %s without retrying', async (status, errorClass) => {
    const d = await faulty({ fallback: { status, body: `echo ${credentials.secretAccessKey}` } });
    const err = await failure(call(d));
    expect(err).toMatchObject({ errorClass, attempts: 1 });
    expect(d.requests).toHaveLength(1);
    expectNoSecrets(err);
  });

  it('hints at SessionDuration when a 400 follows a request that sent it', async () => {
    const d = await faulty({ fallback: { status: 400 } });
    const err = await failure(
      createFederationAdapter().getSigninToken({
        federationUrl: d.url,
        credentials,
        sessionDurationSeconds: 3_600,
      }),
    );
    expect(err.message).toContain('SessionDuration');
  });

  it.each([
    ['not JSON', '<html>Sign in</html>'],
    ['JSON without SigninToken', '{"Token":"x"}'],
    ['an empty SigninToken', '{"SigninToken":""}'],
  ])('reports a 200 that is %s as malformed_response', async (_label, body) => {
    const d = await faulty({ fallback: { status: 200, body } });
    const err = await failure(call(d));
    expect(err).toMatchObject({ errorClass: 'malformed_response', attempts: 1 });
  });

  it('does not follow redirects (they would carry the credentials elsewhere)', async () => {
    const target = await faulty({ fallback: { status: 200, body: '{"SigninToken":"stolen"}' } });
    const d = await faulty({ fallback: { status: 302, headers: { location: `${target.url}/federation` } } });
    const err = await failure(call(d));
    expect(err.errorClass).toBe('malformed_response');
    expect(target.requests).toHaveLength(0);
  });

  it('gives up on a stalled endpoint within the timeout', async () => {
    const d = await faulty({ fallback: 'stall' });
    const started = Date.now();
    const err = await failure(call(d, { timeoutMs: 800 }));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ errorClass: 'timeout', attempts: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(2_000);
    expectNoSecrets(err);
  });

  it('reports a refused connection as network after bounded retries', async () => {
    const d = await faulty();
    await d.close();
    const err = await failure(call(d, { maxAttempts: 2 }));
    expect(err).toMatchObject({ errorClass: 'network', attempts: 2 });
    expect(err.message).toContain('ECONNREFUSED');
    expectNoSecrets(err);
  });

  it('refuses a URL that is not http(s) or not a URL, without echoing it', async () => {
    for (const federationUrl of ['ftp://signin.example/federation', 'not a url']) {
      const err = await failure(federation.getSigninToken({ federationUrl, credentials }));
      expect(err.errorClass).toBe('invalid_request');
    }
  });
});
