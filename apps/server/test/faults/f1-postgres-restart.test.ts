/**
 * F1: Postgres restarted under steady issuance (≈20 requests/s for 32 s, console and CLI).
 * Every response that carried a URL or credentials has a committed issued row; during the
 * outage every answer is a clean 503; afterwards the same server process serves again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  carriesAccess,
  countStatuses,
  issuedRequestIds,
  mixedRequest,
  signInAll,
  sleep,
  startFaultStack,
} from './harness';
import type { EmbeddedDatabase, FaultStack, Issuer, Reply, ServerChild } from './harness';

const RATE_PER_S = 20;
const DURATION_MS = 32_000;
const STOP_AT_MS = 10_000;
const OUTAGE_MS = 5_000;

let stack: FaultStack<EmbeddedDatabase, undefined>;
let server: ServerChild;
let users: Array<Issuer & { cookie: string }>;

beforeAll(async () => {
  stack = await startFaultStack({ name: 'f1', postgres: 'embedded' });
  server = await stack.startServer();
  users = await signInAll(server.url, await stack.seed({ count: 4, prefix: 'f1' }));
}, 90_000);

afterAll(() => stack?.close());

describe('F1: Postgres restart under load', () => {
  it('never delivers unaudited access, answers 503 while Postgres is down, and recovers in place', async () => {
    const pid = server.pid;
    const begin = Date.now();
    const outage = { stoppedAt: 0, restartingAt: 0, restartedAt: 0 };
    const restart = (async () => {
      await sleep(STOP_AT_MS);
      await stack.database.stop();
      outage.stoppedAt = Date.now();
      await sleep(OUTAGE_MS);
      outage.restartingAt = Date.now();
      await stack.database.start();
      outage.restartedAt = Date.now();
    })();
    const sent: Array<Promise<Reply>> = [];
    const total = (DURATION_MS / 1000) * RATE_PER_S;
    for (let i = 0; i < total; i++) {
      const wait = begin + (i * 1000) / RATE_PER_S - Date.now();
      if (wait > 0) await sleep(wait);
      sent.push(mixedRequest(server.url, users, i, 30_000));
    }
    await restart;
    const replies = await Promise.all(sent);
    const { statuses, summary } = countStatuses(replies);
    const failures = replies.filter((r) => r.status !== 200 && r.status !== 503);
    if (failures.length > 0) {
      const logged = server
        .stderr()
        .split('\n')
        .filter((line) => failures.some((f) => f.requestId && line.includes(f.requestId)))
        .slice(0, 3);
      expect.fail(
        `${summary}\n${JSON.stringify(failures[0])}\nserver log:\n${logged.join('\n')}\n${server.stderr().slice(-3000)}`,
      );
    }

    // The same process, never restarted; only successes and clean 503s.
    expect(server.alive()).toBe(true);
    expect(server.pid).toBe(pid);
    expect(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      summary,
    ).toBe(true);
    for (const r of replies.filter((x) => x.status === 503)) {
      expect(JSON.parse(r.text)).toMatchObject({ statusCode: 503 });
      expect(r.text).not.toMatch(CREDENTIAL_PATTERN);
      expect(r.text).not.toMatch(INTERNALS_PATTERN);
    }

    // Every URL or credential handed out has its issued row, committed before it left.
    const issued = await issuedRequestIds(stack.database.url);
    const delivered = replies.filter((r) => r.status === 200);
    expect(delivered.every(carriesAccess)).toBe(true);
    expect(
      delivered.filter((r) => !issued.has(r.requestId as string)).length,
      'delivered without an issued row',
    ).toBe(0);

    // While Postgres was down: 503, nothing delivered.
    const during = replies.filter((r) => r.sentAt >= outage.stoppedAt && r.receivedAt <= outage.restartingAt);
    expect(during.length, 'requests answered during the outage').toBeGreaterThanOrEqual(
      ((OUTAGE_MS / 1000) * RATE_PER_S) / 2,
    );
    expect(during.filter((r) => r.status !== 503)).toEqual([]);

    // Before the outage and a few seconds after the restart, everything is served.
    const before = replies.filter((r) => r.receivedAt < outage.stoppedAt - 1_000);
    const after = replies.filter((r) => r.sentAt > outage.restartedAt + 3_000);
    expect(before.length).toBeGreaterThan(RATE_PER_S * 5);
    expect(after.length).toBeGreaterThan(RATE_PER_S * 5);
    expect(before.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([]);
    expect(after.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([]);
  }, 120_000);
});
