// The worker lock: one holder across processes, and never at the expense of the pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createRevocationOutbox } from '../src/index.js';
import type { Database } from '../src/index.js';
import { createTestDatabase } from '../src/testing/index.js';
import type { TestDatabase } from '../src/testing/index.js';

let test: TestDatabase;
let db: Database;

beforeAll(async () => {
  test = await createTestDatabase('gh_outbox');
  // A pool of one, as GATEHOUSE_DB_POOL_MAX=1 allows.
  db = createDatabase({ connectionString: test.url, maxConnections: 1, connectionTimeoutMs: 2_000 });
});
afterAll(async () => {
  await db?.close();
  await test?.drop();
});

describe('the revocation worker lock', () => {
  it('is held on a connection of its own, so a pass can query through a pool of one', async () => {
    const outbox = createRevocationOutbox(db.prisma, test.url);
    const result = await outbox.withWorkerLock(async () => {
      // The pass's own reads go through the pool while the lock is held.
      const due = await outbox.due(new Date(), 10);
      const { rows } = await db.pool.query<{ n: number }>('SELECT 1 AS n');
      return { due: due.length, n: rows[0]?.n };
    });
    expect(result).toEqual({ ran: true, value: { due: 0, n: 1 } });
  });

  it('is refused at once to a second holder, and free again afterwards', async () => {
    const first = createRevocationOutbox(db.prisma, test.url);
    const second = createRevocationOutbox(db.prisma, test.url);
    let inner: unknown;
    const outer = await first.withWorkerLock(async () => {
      inner = await second.withWorkerLock(async () => 'should not run');
      return 'ran';
    });
    expect(outer).toEqual({ ran: true, value: 'ran' });
    expect(inner).toEqual({ ran: false });
    expect(await second.withWorkerLock(async () => 'after')).toEqual({ ran: true, value: 'after' });
  });
});
