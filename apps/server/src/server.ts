import { boot, loadEnvironmentOrExit } from './bootstrap';
import { buildApp } from './app';
import { createAppContext } from './context';
import { startRevocationWorker } from './revocation-worker';

const SESSION_SWEEP_MS = 10 * 60_000;

async function main(): Promise<void> {
  const environment = loadEnvironmentOrExit();
  const say = (stream: NodeJS.WriteStream) => (message: string) => stream.write(`gatehouse: ${message}\n`);
  const booted = await boot(environment.config, environment.secrets, {
    info: say(process.stdout),
    warn: say(process.stderr),
  });
  const { config } = booted;
  const ctx = createAppContext(config, booted.secrets);
  const { services } = ctx;
  const app = await buildApp(ctx);

  const timers: NodeJS.Timeout[] = [];
  let worker: { stop(): Promise<void> } | null = null;
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    for (const timer of timers) clearInterval(timer);
    await worker?.stop();
    // Stop accepting, let in-flight requests finish, then release Postgres.
    await app.close().catch((err) => app.log.error({ err }, 'error while closing the server'));
    await ctx.close().catch((err) => app.log.error({ err }, 'error while closing the database'));
    await booted
      .shutdown()
      .catch((err) => app.log.error({ err }, 'error while stopping the embedded PostgreSQL'));
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  const sweep = setInterval(() => {
    services.identity.sweepSessions().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  timers.push(sweep);

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    process.stderr.write(
      `gatehouse: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`,
    );
    await ctx.close();
    await booted.shutdown();
    process.exit(1);
  }

  // Who the broker is decides role chaining and what trust policies must name: say it now.
  try {
    const identity = await services.brokerIdentity.refresh();
    app.log.info(
      {
        principal: identity.principalArn,
        roleChaining: identity.isRoleSession || identity.isFederationToken,
      },
      'AWS identity of the broker',
    );
  } catch {
    app.log.warn(
      { detail: services.brokerIdentity.peek().error },
      'cannot determine the AWS identity of the broker: sign-in works, issuing AWS access will fail until AWS credentials are available',
    );
  }
  const reconcile = () =>
    services.broker
      .reconcile()
      .then((n) => n > 0 && app.log.warn({ abandoned: n }, 'marked stale pending issuances abandoned'))
      .catch((err: unknown) => app.log.warn({ err }, 'issuance reconciler failed'));
  await reconcile();
  // Often enough that a stale issuance is called abandoned soon after its timeout passes.
  const reconciler = setInterval(reconcile, Math.min(60_000, (config.pendingTimeoutSeconds * 1000) / 2));
  reconciler.unref();
  timers.push(reconciler);

  // Access taken away in Gatehouse ends at AWS too: the outbox's revocations, applied and retried.
  worker = startRevocationWorker(services, app.log);

  // Role health: every configured role against IAM, now and then periodically (never awaited).
  if (config.roleHealthIntervalMinutes > 0) {
    const checkRoles = () =>
      services.onboarding
        .refreshAll()
        .then((r) => app.log.info(r, 'role health checked'))
        .catch((err: unknown) => app.log.warn({ err }, 'role health check failed'));
    void checkRoles();
    const roleHealth = setInterval(checkRoles, config.roleHealthIntervalMinutes * 60_000);
    roleHealth.unref();
    timers.push(roleHealth);
  }

  const setup = await services.identity.createSetupTokenIfNeeded();
  if (setup) {
    const url = new URL('/setup', config.publicUrl);
    url.hash = `token=${setup.token}`;
    process.stdout.write(
      `\ngatehouse: no administrator exists yet. Create the first one within 1 hour at:\n\n    ${url.href}\n\n` +
        '  (single use; restart Gatehouse for a new link)\n\n',
    );
  }
  process.stdout.write(
    `gatehouse: serving ${config.publicUrl.href} (listening on ${config.host}:${config.port})\n`,
  );
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`gatehouse: failed to start: ${message}\n`);
  process.exit(1);
});
