/**
 * Composition root: the one place that turns configuration and a database into repositories
 * and services. Routes receive this object; nothing else constructs adapters.
 */
import {
  DEFAULT_AUTH_SETTINGS,
  createAuthService,
  createBrokerIdentityProvider,
  createBrokerService,
  createUserAdminService,
  deriveKey,
} from '@gatehouse/core';
import type { BrokerIdentityProvider, FederationPort, StsPort } from '@gatehouse/core';
import { createFederationAdapter, createStsAdapter } from '@gatehouse/aws';
import {
  abandonStalePending,
  createAccessRepository,
  createAuditLog,
  createRecoveryCodeRepository,
  createSessionRepository,
  createSetupTokenRepository,
  createTransactionRunner,
  createUnknownLoginRepository,
  createUserRepository,
  defaultMigrationsDir,
} from '@gatehouse/db';
import type { Database } from '@gatehouse/db';
import { createAccessAdminService, createAuditAdminService, createEnrolmentService } from '@gatehouse/core';
import type { AccessAdminService, AuditAdminService, EnrolmentService } from '@gatehouse/core';
import { createAccessAdminRepository, createAuditQuery } from '@gatehouse/db';
import { DEFAULT_DEVICE_AUTH_SETTINGS, createDeviceAuthService } from '@gatehouse/core';
import type { DeviceAuthService } from '@gatehouse/core';
import { createCliAuthRepository } from '@gatehouse/db';
import { createRoleOnboardingService } from '@gatehouse/core';
import type { IamGateway, RoleOnboardingService } from '@gatehouse/core';
import { createIamGateway } from '@gatehouse/aws';
import { createRoleHealthRepository } from '@gatehouse/db';
import { createChangeFeed } from '@gatehouse/db';
import type { ChangeFeed } from '@gatehouse/db';
import type { Config } from './config';
import { createCaches } from './caches';
import type { Caches } from './caches';

export interface AppContext {
  config: Config;
  db: Database;
  migrationsDir: string;
  auth: ReturnType<typeof createAuthService>;
  userAdmin: ReturnType<typeof createUserAdminService>;
  sessions: ReturnType<typeof createSessionRepository>;
  broker: ReturnType<typeof createBrokerService>;
  brokerIdentity: BrokerIdentityProvider;
  accessAdmin: AccessAdminService;
  auditAdmin: AuditAdminService;
  enrolment: EnrolmentService;
  /** `gatehouse login` (device authorisation) and CLI tokens. */
  cliAuth: DeviceAuthService;
  /** Trust policies, policy lint, role health, Discover, session revocation. */
  roleOnboarding: RoleOnboardingService;
  /** Committed changes announced by PostgreSQL; started and closed by buildApp. */
  changes: ChangeFeed;
  /** Sessions and `my access` answers kept between requests (see caches.ts). */
  caches: Caches;
}

export function createAppContext(options: {
  config: Config;
  db: Database;
  secretKey: Buffer;
  migrationsDir?: string;
  now?: () => Date;
  /** Tests hand in adapters with explicit credentials; production uses the SDK's default chain. */
  sts?: StsPort;
  federation?: FederationPort;
  iam?: IamGateway;
}): AppContext {
  const { config, db, secretKey } = options;
  const prisma = db.prisma;
  const users = createUserRepository(prisma);
  const sessions = createSessionRepository(prisma, db.pool);
  const recoveryCodes = createRecoveryCodeRepository(prisma);
  const audit = createAuditLog(prisma, db.pool);
  const now = options.now;
  const auth = createAuthService({
    users,
    sessions,
    recoveryCodes,
    audit,
    unknownLogins: createUnknownLoginRepository(prisma),
    setupTokens: createSetupTokenRepository(prisma),
    transactions: createTransactionRunner(prisma),
    keys: {
      totp: deriveKey(secretKey, 'totp-secret'),
      recoveryCodes: deriveKey(secretKey, 'recovery-code'),
      usernames: deriveKey(secretKey, 'login-throttle'),
    },
    settings: {
      ...DEFAULT_AUTH_SETTINGS,
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
      sessionAbsoluteMs: config.sessionAbsoluteHours * 3_600_000,
    },
    ...(now ? { now } : {}),
  });
  const userAdmin = createUserAdminService({
    users,
    sessions,
    recoveryCodes,
    audit,
    ...(now ? { now } : {}),
  });
  const sts = options.sts ?? createStsAdapter();
  const brokerIdentity = createBrokerIdentityProvider(sts, { ttlMs: 5 * 60_000, ...(now ? { now } : {}) });
  const broker = createBrokerService({
    access: createAccessRepository(prisma, db.pool),
    sts,
    federation: options.federation ?? createFederationAdapter(),
    audit,
    identity: brokerIdentity,
    keys: { accessKeyId: deriveKey(secretKey, 'access-key-id') },
    settings: {
      issuer: config.publicUrl.href,
      federationUrlOverride: config.federationUrl,
      pendingTimeoutMs: config.pendingTimeoutSeconds * 1000,
    },
    abandonStalePending: (olderThan) => abandonStalePending(prisma, olderThan),
    ...(now ? { now } : {}),
  });
  // Admin API: every change commits together with its audit row.
  const transactions = createTransactionRunner(prisma);
  const setupTokens = createSetupTokenRepository(prisma);
  const accessAdmin = createAccessAdminService({
    repo: createAccessAdminRepository(prisma),
    users,
    sessions,
    recoveryCodes,
    setupTokens,
    audit,
    transactions,
    settings: { publicOrigin: config.publicUrl.origin },
    ...(now ? { now } : {}),
  });
  const auditAdmin = createAuditAdminService({
    query: createAuditQuery(prisma),
    audit,
    ...(now ? { now } : {}),
  });
  const enrolment = createEnrolmentService({
    users,
    sessions,
    setupTokens,
    audit,
    transactions,
    settings: { pendingSessionMs: DEFAULT_AUTH_SETTINGS.pendingSessionMs },
    ...(now ? { now } : {}),
  });
  const cliAuth = createDeviceAuthService({
    repo: createCliAuthRepository(prisma),
    users,
    audit,
    transactions,
    // Approving a login is a step-up: replay-proof, counted toward lockout, audited.
    confirmTotp: (who, code, rctx) => auth.stepUp(who, code, rctx),
    keys: { userCode: deriveKey(secretKey, 'cli-user-code') },
    settings: {
      ...DEFAULT_DEVICE_AUTH_SETTINGS,
      publicUrl: config.publicUrl.href,
      tokenLifetimeMs: config.cliTokenHours * 3_600_000,
    },
    ...(now ? { now } : {}),
  });
  const roleOnboarding = createRoleOnboardingService({
    repo: createRoleHealthRepository(prisma),
    iam: options.iam ?? createIamGateway(),
    identity: brokerIdentity,
    audit,
    users,
    // Imported roles are created exactly as the admin API creates them: validated and audited.
    importRole: (call, input) => accessAdmin.createRole(call, input),
    settings: { iamRoleName: config.iamRoleName },
    ...(now ? { now } : {}),
  });
  const changes = createChangeFeed({ connectionString: db.connectionString });
  return {
    config,
    db,
    migrationsDir: options.migrationsDir ?? defaultMigrationsDir(),
    auth,
    userAdmin,
    sessions,
    broker,
    brokerIdentity,
    accessAdmin,
    auditAdmin,
    enrolment,
    cliAuth,
    roleOnboarding,
    changes,
    caches: createCaches(changes, now),
  };
}
