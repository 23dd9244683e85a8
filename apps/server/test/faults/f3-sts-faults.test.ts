/**
 * F3: STS misbehaving behind a fault proxy (500s, throttling, AccessDenied, connection resets,
 * 30-second stalls). Each must end in a clear error within the 10 s AWS budget, with retries
 * only for throttling and 5xx, a `failed` audit row naming the error class, and no `issued` row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpDouble, stsError } from '@gatehouse/aws/testing';
import type { HttpDouble, Reply as DoubleReply } from '@gatehouse/aws/testing';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  auditRows,
  requestAccess,
  signInAll,
  startFaultStack,
} from './harness';
import type { FaultDatabase, FaultStack, Issuer, ServerChild } from './harness';

let stack: FaultStack<FaultDatabase, HttpDouble>;
let double: HttpDouble;
let server: ServerChild;
let user: Issuer & { cookie: string };

beforeAll(async () => {
  stack = await startFaultStack({
    name: 'f3',
    postgres: 'test',
    stsProxy: (upstream) => startHttpDouble({ upstream }),
  });
  double = stack.stsProxy;
  server = await stack.startServer();
  [user] = (await signInAll(server.url, await stack.seed({ count: 1, prefix: 'f3' }))) as [typeof user];
}, 90_000);

afterAll(() => stack?.close());

const assumeRoleCalls = () => double.requests.filter((r) => r.body.includes('Action=AssumeRole')).length;

interface Fault {
  name: string;
  replies: DoubleReply[];
  kind: 'console' | 'credentials';
  status: number;
  error: string;
  message: RegExp;
  errorClass: string;
  attempts: number;
  /** Roughly how long the answer should take: a stall runs into the 10 s budget, the rest do not. */
  minMs: number;
  maxMs: number;
}

const FAULTS: Fault[] = [
  {
    name: 'HTTP 500 InternalFailure',
    replies: Array.from({ length: 5 }, () => ({
      status: 500,
      body: stsError('InternalFailure', 'internal failure', 'Receiver'),
    })),
    kind: 'console',
    status: 503,
    error: 'unavailable',
    message: /AWS STS is failing or throttling requests \(3 attempts\)/,
    errorClass: 'server_error',
    attempts: 3,
    minMs: 0,
    maxMs: 5_000,
  },
  {
    name: 'Throttling',
    replies: Array.from({ length: 5 }, () => ({
      status: 400,
      body: stsError('Throttling', 'Rate exceeded'),
    })),
    kind: 'credentials',
    status: 503,
    error: 'unavailable',
    message: /AWS STS is failing or throttling requests \(3 attempts\)/,
    errorClass: 'throttled',
    attempts: 3,
    minMs: 0,
    maxMs: 5_000,
  },
  {
    name: 'AccessDenied',
    replies: [{ status: 403, body: stsError('AccessDenied', 'not authorized to perform sts:AssumeRole') }],
    kind: 'console',
    status: 502,
    error: 'aws_access_denied',
    message: /trust policy does not trust the broker/,
    errorClass: 'access_denied',
    attempts: 1,
    minMs: 0,
    maxMs: 3_000,
  },
  {
    name: 'connection reset',
    replies: ['reset'],
    kind: 'credentials',
    status: 503,
    error: 'unavailable',
    message: /AWS STS is failing or throttling requests \(1 attempts\)/,
    errorClass: 'network',
    attempts: 1,
    minMs: 0,
    maxMs: 3_000,
  },
  {
    name: '30 s stall',
    replies: ['stall'],
    kind: 'console',
    status: 504,
    error: 'gateway_timeout',
    message: /AWS STS did not answer in time/,
    errorClass: 'timeout',
    attempts: 1,
    // The AWS budget is 10 s; the audit writes around it take milliseconds.
    minMs: 9_500,
    maxMs: 10_000 + 1_000,
  },
];

describe('F3: STS faults', () => {
  for (const fault of FAULTS) {
    it(`${fault.name}: ${fault.status} ${fault.error} after ${fault.attempts} attempt(s), audited as failed:${fault.errorClass}`, async () => {
      double.queue.length = 0;
      double.queue.push(...fault.replies);
      const before = assumeRoleCalls();
      const reply = await requestAccess(server.url, fault.kind, user, { timeoutMs: 40_000 });
      double.queue.length = 0;
      const elapsed = reply.receivedAt - reply.sentAt;
      expect(reply.status, reply.text).toBe(fault.status);
      const body = JSON.parse(reply.text) as { error: string; message: string };
      expect(body.error).toBe(fault.error);
      expect(body.message).toMatch(fault.message);
      expect(reply.text).not.toMatch(CREDENTIAL_PATTERN);
      expect(reply.text).not.toMatch(INTERNALS_PATTERN);
      expect(elapsed).toBeGreaterThanOrEqual(fault.minMs);
      expect(elapsed).toBeLessThanOrEqual(fault.maxMs);
      expect(assumeRoleCalls() - before, 'attempts that reached STS').toBe(fault.attempts);

      const rows = await auditRows(stack.database.url, 'request_id = $1', [reply.requestId]);
      expect(
        rows.map((r) => r.outcome),
        JSON.stringify(rows),
      ).toEqual(['pending', 'failed']);
      expect(rows[1]?.details).toMatchObject({ step: 'sts', errorClass: fault.errorClass });
      expect(rows[1]?.correlation_id).toBe(rows[0]?.correlation_id);
    }, 45_000);
  }

  it('issues again once STS behaves, through the same proxy', async () => {
    const reply = await requestAccess(server.url, 'console', user);
    expect(reply.status, reply.text).toBe(200);
    const rows = await auditRows(stack.database.url, 'request_id = $1', [reply.requestId]);
    expect(rows.map((r) => r.outcome)).toEqual(['pending', 'issued']);
    const all = await auditRows(stack.database.url, "outcome = 'issued'");
    expect(all, 'only the last request was issued').toHaveLength(1);
  });
});
