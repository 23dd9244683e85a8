/**
 * The composition root: the one place that turns configuration and secrets into adapters
 * (database, repositories, STS, IAM, federation, the clock), each built once, and the services
 * of each area on top of them. Routes receive the services; nothing else constructs adapters.
 */
import type {
  AdminService,
  AuditService,
  BrokerIdentityProvider,
  BrokerService,
  CliAuthService,
  Clock,
  FederationPort,
  IamGateway,
  IdentityService,
  OnboardingService,
  RevocationService,
  ReadinessCheck,
  StsPort,
} from '@gatehouse/core';
import {
  DEFAULT_DEVICE_AUTH_SETTINGS,
  DEFAULT_IDENTITY_SETTINGS,
  ENROLMENT_LINK_MS,
  createAdminService,
  createAuditService,
  createBrokerIdentityProvider,
  createBrokerService,
  createCliAuthService,
  createIdentityService,
  createOnboardingService,
  createRevocationService,
  createReadinessCheck,
  deriveKey,
} from '@gatehouse/core';
import { createFederationAdapter, createIamGateway, createStsAdapter } from '@gatehouse/aws';
import {
  abandonStalePending,
  createAccessAdminRepository,
  createAccessRepository,
  createAuditLog,
  createAuditQuery,
  createChangeFeed,
  createCliAuthRepository,
  createDatabase,
  createDatabaseProbe,
  createRecoveryCodeRepository,
  createRoleHealthRepository,
  createRevocationOutbox,
  createRemainingAccess,
  createExpiredGrants,
  createLiveIssuanceQuery,
  createSessionRepository,
  createSetupTokenRepository,
  createTransactionRunner,
  createUnknownLoginRepository,
  createUserRepository,
  defaultMigrationsDir,
} from '@gatehouse/db';
import type { ChangeFeed, Database } from '@gatehouse/db';
import type { Config } from './config';
import { createCaches } from './http/caches';
import type { Caches } from './http/caches';

/** The secrets, resolved (a generated key outside production, see bootstrap.ts). */
export interface AppSecrets {
  secretKey: Buffer;
}

/** What tests (and the operator command) replace; production builds all of it from config. */
export interface AppOverrides {
  /** A database opened already; otherwise one is opened from `config.databaseUrl`. */
  db?: Database;
  now?: Clock;
  migrationsDir?: string;
  /** Tests hand in adapters with explicit credentials; production uses the SDK's default chain. */
  sts?: StsPort;
  federation?: FederationPort;
  iam?: IamGateway;
}

function adaptersOf(config: Config, overrides: AppOverrides) {
  const db =
    overrides.db ??
    createDatabase({ connectionString: requireDatabaseUrl(config), maxConnections: config.dbPoolMax });
  const { prisma, pool } = db;
  const sts = overrides.sts ?? createStsAdapter();
  return {
    db,
    now: overrides.now ?? (() => new Date()),
    migrationsDir: overrides.migrationsDir ?? defaultMigrationsDir(),
    users: createUserRepository(prisma),
    sessions: createSessionRepository(prisma, pool),
    recoveryCodes: createRecoveryCodeRepository(prisma),
    setupTokens: createSetupTokenRepository(prisma),
    unknownLogins: createUnknownLoginRepository(prisma),
    audit: createAuditLog(prisma, pool),
    transactions: createTransactionRunner(prisma),
    sts,
    federation: overrides.federation ?? createFederationAdapter(),
    iam: overrides.iam ?? createIamGateway(),
  };
}

function requireDatabaseUrl(config: Config): string {
  // bootstrap.ts resolves the embedded PostgreSQL's address before the context is built.
  if (!config.databaseUrl) throw new Error('createAppContext needs config.databaseUrl or overrides.db');
  return config.databaseUrl;
}

/** Every area's use cases, as routes, the server's timers and the operator command call them. */
export interface Services {
  brokerIdentity: BrokerIdentityProvider;
  identity: IdentityService;
  admin: AdminService;
  broker: BrokerService;
  audit: AuditService;
  cliAuth: CliAuthService;
  onboarding: OnboardingService;
  revocations: RevocationService;
  readiness: ReadinessCheck;
}

function servicesOf(config: Config, secrets: AppSecrets, a: ReturnType<typeof adaptersOf>): Services {
  const { db, now, users, sessions, audit, transactions } = a;
  const key = (purpose: string) => deriveKey(secrets.secretKey, purpose);
  const brokerIdentity = createBrokerIdentityProvider(a.sts, { ttlMs: 5 * 60_000, now });
  const outbox = createRevocationOutbox(db.prisma, db.connectionString);
  // Taking access away schedules its revocations at AWS in the change's own transaction.
  const revocations = createRevocationService({
    outbox,
    liveIssuances: createLiveIssuanceQuery(db.prisma),
    remainingAccess: createRemainingAccess(db.prisma),
    expiredGrants: createExpiredGrants(db.prisma),
    now,
  });
  const identity = createIdentityService({
    users,
    sessions,
    recoveryCodes: a.recoveryCodes,
    setupTokens: a.setupTokens,
    unknownLogins: a.unknownLogins,
    audit,
    revocations,
    transactions,
    keys: { totp: key('totp-secret'), recoveryCodes: key('recovery-code'), usernames: key('login-throttle') },
    settings: {
      ...DEFAULT_IDENTITY_SETTINGS,
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
      sessionAbsoluteMs: config.sessionAbsoluteHours * 3_600_000,
    },
    now,
  });
  const admin = createAdminService({
    repo: createAccessAdminRepository(db.prisma),
    users,
    sessions,
    recoveryCodes: a.recoveryCodes,
    setupTokens: a.setupTokens,
    audit,
    revocations,
    transactions,
    settings: { publicOrigin: config.publicUrl.origin, enrolmentLinkMs: ENROLMENT_LINK_MS },
    now,
  });
  return {
    brokerIdentity,
    identity,
    admin,
    revocations,
    broker: createBrokerService({
      access: createAccessRepository(db.prisma, db.pool),
      sts: a.sts,
      federation: a.federation,
      audit,
      identity: brokerIdentity,
      keys: { accessKeyId: key('access-key-id') },
      settings: {
        issuer: config.publicUrl.href,
        federationUrlOverride: config.federationUrl,
        pendingTimeoutMs: config.pendingTimeoutSeconds * 1000,
      },
      abandonStalePending: (olderThan) => abandonStalePending(db.prisma, olderThan),
      now,
    }),
    audit: createAuditService({ query: createAuditQuery(db.prisma), audit, now }),
    cliAuth: createCliAuthService({
      repo: createCliAuthRepository(db.prisma),
      users,
      audit,
      revocations,
      sessions,
      transactions,
      // Approving a login takes a fresh code: replay-proof, counted toward lockout, audited.
      confirmTotp: (who, code, ctx) => identity.confirmFreshCode(who, code, ctx),
      keys: { userCode: key('cli-user-code') },
      settings: {
        ...DEFAULT_DEVICE_AUTH_SETTINGS,
        publicUrl: config.publicUrl.href,
        tokenLifetimeMs: config.cliTokenHours * 3_600_000,
      },
      now,
    }),
    onboarding: createOnboardingService({
      repo: createRoleHealthRepository(db.prisma),
      iam: a.iam,
      identity: brokerIdentity,
      audit,
      users,
      revocations: outbox,
      transactions,
      // Imported roles are created exactly as the admin API creates them: validated and audited.
      importRole: (call, input) => admin.roles.create(call, input),
      settings: { iamRoleName: config.iamRoleName },
      now,
    }),
    readiness: createReadinessCheck({
      database: createDatabaseProbe(db, a.migrationsDir),
      identity: brokerIdentity,
      revocations: outbox,
    }),
  };
}

export interface AppContext {
  config: Config;
  /** Every area's use cases; routes see these and nothing below them. */
  services: Services;
  /** Committed changes announced by PostgreSQL; started and closed by buildApp. */
  changes: ChangeFeed;
  /** Sessions and `my access` answers kept between requests (see http/caches.ts). */
  caches: Caches;
  /** Signs the session cookie (http/sessions.ts); derived from the secret key, so a fleet shares it. */
  sessionSecret: string;
  /** The database, for start-up and shutdown (and tests); never for routes. */
  db: Database;
  /** Closes what the context opened: the database, unless it was handed in. */
  close(): Promise<void>;
}

export function createAppContext(
  config: Config,
  secrets: AppSecrets,
  overrides: AppOverrides = {},
): AppContext {
  const adapters = adaptersOf(config, overrides);
  const changes = createChangeFeed({ connectionString: adapters.db.connectionString });
  return {
    config,
    services: servicesOf(config, secrets, adapters),
    changes,
    caches: createCaches(changes, adapters.now),
    sessionSecret: deriveKey(secrets.secretKey, 'session-cookie').toString('base64url'),
    db: adapters.db,
    async close() {
      if (!overrides.db) await adapters.db.close();
    },
  };
}
