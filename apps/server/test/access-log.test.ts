/**
 * A route's `redactParams` keep those path and query parameters out of every line Fastify writes
 * about the request: the access line, and Fastify's own error line when even the error handler
 * fails.
 * (The device approval route is checked end to end in cli-device.test.ts.)
 */
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLog } from '../src/http/access-log';

const lines: string[] = [];
const app = Fastify({
  logger: {
    level: 'info',
    stream: new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  },
  logController: new AccessLog(),
});

beforeAll(async () => {
  app.get('/things/:secret/view/:page', { config: { redactParams: ['secret', 'token'] } }, async () => {
    throw new Error('the handler failed');
  });
  // The error handler failing too hands the error to Fastify's default handler, which logs it.
  app.setErrorHandler(() => {
    throw new Error('the error handler failed');
  });
  await app.ready();
});
afterAll(() => app.close());

describe('the access log', () => {
  it("replaces a route's redacted parameters in its own lines and in Fastify's", async () => {
    const res = await app.inject('/things/s3cr3t%2Dvalue/view/2?sort=name&token=t0k3n');
    expect(res.statusCode).toBe(500);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; url?: string });
    expect(logged.map((l) => l.msg)).toEqual(['the error handler failed', 'request completed']);
    for (const line of logged) expect(line.url).toBe('/things/[redacted]/view/2?sort=name&token=[redacted]');
    expect(lines.join('')).not.toMatch(/s3cr3t|t0k3n/);
  });
});
