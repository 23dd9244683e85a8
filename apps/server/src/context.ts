/**
 * Composition root: the one place that turns configuration and a database into repositories
 * and services. Routes receive this object; nothing else constructs adapters.
 */
import { DEFAULT_AUTH_SETTINGS, createAuthService, createUserAdminService, deriveKey } from '@gatehouse/core';
import {
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
import type { Config } from './config';

export interface AppContext {
  config: Config;
  db: Database;
  migrationsDir: string;
  auth: ReturnType<typeof createAuthService>;
  userAdmin: ReturnType<typeof createUserAdminService>;
  sessions: ReturnType<typeof createSessionRepository>;
}

export function createAppContext(options: {
  config: Config;
  db: Database;
  secretKey: Buffer;
  migrationsDir?: string;
  now?: () => Date;
}): AppContext {
  const { config, db, secretKey } = options;
  const prisma = db.prisma;
  const users = createUserRepository(prisma);
  const sessions = createSessionRepository(prisma);
  const recoveryCodes = createRecoveryCodeRepository(prisma);
  const audit = createAuditLog(prisma);
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
  return {
    config,
    db,
    migrationsDir: options.migrationsDir ?? defaultMigrationsDir(),
    auth,
    userAdmin,
    sessions,
  };
}
