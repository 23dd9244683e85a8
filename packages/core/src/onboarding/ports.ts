/** What role onboarding needs from IAM and from storage, implemented by packages/aws and packages/db. */
import type { AccountRecord, Partition, RoleRecord } from '../shared/access-records';
import type { SessionLimit } from '../broker/session-duration';
import type { Decision, RevocationState } from '../policy';

/** A role as IAM describes it, documents already URL-decoded. */
export interface IamRole {
  arn: string;
  roleName: string;
  path: string;
  roleId: string;
  maxSessionSeconds: number;
  /** The trust policy JSON. */
  trustPolicy: string;
  createdAt: Date | null;
}

/**
 * IAM in one account, as one principal. Adapters throw `AwsCallError` (after their own bounded
 * retries) for everything but "no such role / policy", which is a null.
 */
export interface IamPort {
  getRole(roleName: string): Promise<IamRole | null>;
  /** Follows pagination up to `limit` roles; `truncated` says there were more. */
  listRoles(options?: {
    pathPrefix?: string;
    limit?: number;
  }): Promise<{ roles: IamRole[]; truncated: boolean }>;
  listRolePolicies(roleName: string): Promise<string[]>;
  /** The inline policy JSON, or null when the role has no policy of that name. */
  getRolePolicy(roleName: string, policyName: string): Promise<string | null>;
  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
}

export interface IamGateway {
  /** IAM with the broker's own credentials: only its own account. */
  own(partition: Partition): IamPort;
  /** IAM as `roleArn`, assumed with the broker's credentials (cached until shortly before expiry). */
  viaRole(roleArn: string): IamPort;
}

export interface ManagedRole {
  role: RoleRecord;
  account: AccountRecord;
}

export interface StoredRoleHealth {
  roleId: string;
  status: RoleHealthStatus;
  checkedAt: Date;
  /** The role's MaxSessionDuration as IAM reported it, when it could be read. */
  iamMaxSessionSeconds: number | null;
  report: RoleHealthReport;
}

export interface RoleHealthRepository {
  listManagedRoles(): Promise<ManagedRole[]>;
  findManagedRole(roleId: string): Promise<ManagedRole | null>;
  findAccount(accountId: string): Promise<AccountRecord | null>;
  saveHealth(health: StoredRoleHealth): Promise<void>;
  listHealth(): Promise<StoredRoleHealth[]>;
  findHealth(roleId: string): Promise<StoredRoleHealth | null>;
  /** Drops the health of roles that no longer exist; returns how many. */
  pruneHealth(): Promise<number>;
  /** Ids of the roles the user was issued a console session or credentials for since `since`. */
  rolesIssuedToUserSince(userId: string, since: Date): Promise<string[]>;
}

export type RoleHealthStatus = 'ok' | 'warning' | 'error' | 'unknown';

export interface HealthFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** What to do about it: a command or a setting, in words or code. */
  fix: string | null;
}

/** JSON-safe: stored as is and returned by the API. */
export interface RoleHealthReport {
  roleId: string;
  roleArn: string;
  checkedAt: string;
  status: RoleHealthStatus;
  /** null when IAM could not be read. */
  exists: boolean | null;
  /** The principal Gatehouse read IAM as. */
  checkedAs: string | null;
  brokerPrincipalArn: string | null;
  iam: { arn: string; roleId: string; path: string; maxSessionSeconds: number; trustPolicy: string } | null;
  trust: {
    trusted: boolean;
    unverifiable: boolean;
    explanation: string;
    actions: Array<{ action: string; decision: Decision; explanation: string }>;
  } | null;
  sessionLimit: SessionLimit;
  revocations: RevocationState | null;
  findings: HealthFinding[];
  /** The trust policy that would fix the trust findings, and the command that applies it. */
  fix: { trustPolicy: string; awsCli: string } | null;
}
