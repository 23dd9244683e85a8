import type { RoleRecord } from '../shared/access-records';
import type { AuditLog, Clock, TransactionRunner } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import type { BrokerIdentityProvider } from '../broker/broker-identity';
import { MAX_SESSION_SECONDS } from '../broker/session-duration';
import type { UserRepository } from '../identity/ports';
import type { RevocationOutbox } from '../revocation/ports';
import type { TrustPolicyOptions } from '../policy';
import type { IamGateway, RoleHealthRepository, StoredRoleHealth } from './ports';

/** IAM's limit for all inline policies of one role together (whitespace not counted). */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10_240;
/** Roles scanned per Discover; IAM pages are 100 roles. */
export const DISCOVER_LIMIT = 1000;
/** "Recently" for revoking a user everywhere: no session outlives 12 hours. */
export const RECENT_ISSUANCE_HOURS = MAX_SESSION_SECONDS / 3600;

export interface OnboardingSettings {
  /** GATEHOUSE_IAM_ROLE: role (optionally /path/name) assumed in each account for IAM; null uses the broker. */
  iamRoleName: string | null;
  trustOptions?: TrustPolicyOptions;
}

export interface OnboardingDeps {
  repo: RoleHealthRepository;
  iam: IamGateway;
  identity: BrokerIdentityProvider;
  audit: AuditLog;
  users: Pick<UserRepository, 'findById'>;
  /** The revocation outbox the worker applies (apply-revocations.ts). */
  revocations: RevocationOutbox;
  /** A revocation's new status and its audit row are written together. */
  transactions: TransactionRunner;
  /** Creates a role in Gatehouse (validated and audited by the admin service). */
  importRole: (
    call: AdminCall,
    input: { accountId: string; role: string; maxSessionSeconds: number },
  ) => Promise<RoleRecord>;
  settings: OnboardingSettings;
  now: Clock;
}

/** The deps and the one piece of state the use cases share: the full health sweep in progress. */
export interface OnboardingKit extends OnboardingDeps {
  sweep: { running: Promise<StoredRoleHealth[]> | null };
}
