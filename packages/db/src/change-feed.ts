/**
 * The server's ear on PostgreSQL: one dedicated connection LISTENing on `gatehouse_changes`,
 * where triggers (migration 20261123050000_change_feed) announce committed changes to sessions,
 * users and everything `my access` reads. In-memory caches trust themselves only while the
 * feed is `healthy`: the moment the connection fails, stops answering its heartbeat or is
 * closed, the feed says so (and announces a `reset`), so nothing is served from memory that
 * PostgreSQL could no longer vouch for.
 */
import pg from 'pg';

export const CHANGE_CHANNEL = 'gatehouse_changes';

export type Change =
  | { kind: 'session'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'favourite'; userId: string }
  | { kind: 'access' }
  /** The feed lost or (re)gained its connection: anything cached may have missed changes. */
  | { kind: 'reset' };

export interface ChangeFeed {
  /** True while the listening connection is up and answered its last heartbeat in time. */
  readonly healthy: boolean;
  /** Calls `listener` for every change, in the order PostgreSQL delivered them. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Calls `listener` whenever the feed becomes healthy or stops being so (for logs). */
  onStateChange(listener: (healthy: boolean, error?: Error) => void): () => void;
  /**
   * Resolves once every change committed before the call has been delivered to the listeners
   * (a round trip on the listening connection: PostgreSQL sends pending notifications before
   * it answers). Lets a request that changed something make sure this process has forgotten
   * what it changed before the response leaves.
   */
  sync(): Promise<void>;
  /** Connects (retrying in the background when PostgreSQL is not there yet); resolves after the first attempt. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  connectionString: string;
  /** How often the idle connection is asked to prove it is alive. */
  heartbeatMs?: number;
  /** How long a heartbeat or sync may take before the connection counts as lost. */
  timeoutMs?: number;
  /** Reconnect back-off bounds. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export function parseChange(payload: string | undefined): Change | null {
  if (!payload) return null;
  if (payload === 'access') return { kind: 'access' };
  const colon = payload.indexOf(':');
  if (colon < 0) return null;
  const kind = payload.slice(0, colon);
  const id = payload.slice(colon + 1);
  if (!id) return null;
  if (kind === 'session') return { kind: 'session', id };
  if (kind === 'user') return { kind: 'user', id };
  if (kind === 'favourite') return { kind: 'favourite', userId: id };
  return null;
}

export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const retryMinMs = options.retryMinMs ?? 200;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  const listeners = new Set<(change: Change) => void>();
  const stateListeners = new Set<(healthy: boolean, error?: Error) => void>();
  let client: pg.Client | null = null;
  let healthy = false;
  let closed = false;
  let retryMs = retryMinMs;
  let heartbeat: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  function emit(change: Change): void {
    for (const listener of listeners) listener(change);
  }

  function setHealthy(next: boolean, error?: Error): void {
    if (healthy === next) return;
    healthy = next;
    // Both directions are a reset: going down, caches must stop answering; coming back, they
    // must forget what was cached before, since notifications sent meanwhile were never heard.
    emit({ kind: 'reset' });
    for (const listener of stateListeners) listener(next, error);
  }

  function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`change feed: ${what} took over ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  function drop(c: pg.Client, error?: Error): void {
    if (client !== c) return;
    client = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    setHealthy(false, error);
    c.removeAllListeners('notification');
    c.on('error', () => {});
    void c.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    const delay = retryMs;
    retryMs = Math.min(retryMaxMs, retryMs * 2);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  }

  // One query at a time on the listening connection; concurrent callers share the next round
  // trip that starts after they asked (PostgreSQL delivers what was committed before it).
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function ping(c: pg.Client, what: string): Promise<void> {
    if (queued) return queued;
    const run = async () => {
      try {
        await withTimeout(c.query('SELECT 1'), what);
      } catch (err) {
        drop(c, err as Error);
        throw err;
      }
    };
    if (!inFlight) {
      inFlight = run().finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
    queued = inFlight
      .catch(() => {})
      .then(() => {
        queued = null;
        inFlight = run().finally(() => {
          inFlight = null;
        });
        return inFlight;
      });
    return queued;
  }

  async function connect(): Promise<void> {
    if (closed || client) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c, new Error('change feed: connection ended')));
    c.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const change = parseChange(message.payload);
      // Something this build does not know: forgetting everything is always safe.
      emit(change ?? { kind: 'reset' });
    });
    try {
      await withTimeout(c.connect(), 'connecting');
      await withTimeout(c.query(`LISTEN ${CHANGE_CHANNEL}`), 'LISTEN');
    } catch (err) {
      drop(c, err as Error);
      return;
    }
    if (client !== c || closed) return;
    retryMs = retryMinMs;
    setHealthy(true);
    heartbeat = setInterval(() => {
      ping(c, 'heartbeat').catch(() => {});
    }, heartbeatMs);
    heartbeat.unref();
  }

  return {
    get healthy() {
      return healthy;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async sync() {
      const c = client;
      if (!c || !healthy) return;
      await ping(c, 'sync').catch(() => {});
    },
    async start() {
      closed = false;
      await connect();
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const c = client;
      if (c) drop(c);
    },
  };
}
