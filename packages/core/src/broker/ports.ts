/** What the broker needs: the grants it issues under (packages/db) and AWS (packages/aws: STS, federation). */
import type { AccountRecord, GrantRecord, Partition, RoleRecord } from '../shared/access-records';
import type { Tx } from '../shared/ports';

/** A grant with what it points at, as issuance and "my access" need it. */
export interface GrantWithTarget {
  grant: GrantRecord;
  role: RoleRecord;
  account: AccountRecord;
  /** Set when the grant reaches the user through a group. */
  groupName?: string | null;
}

/** What issuance needs to know about one grant, read in one go. */
export interface IssuanceTarget extends GrantWithTarget {
  /** The grant names the user, or a group the user belongs to. */
  reachesUser: boolean;
  /** The role's MaxSessionDuration as IAM last reported it (role health), where known. */
  iamMaxSessionSeconds: number | null;
}

export interface AccessRepository {
  /**
   * Grants that reach the user directly or through a group, with role and account; expired
   * grants and disabled accounts are left out.
   */
  effectiveGrants(userId: string, now: Date, tx?: Tx): Promise<GrantWithTarget[]>;
  /** The grant with its role and account, whether it reaches `userId`, and the role's IAM maximum. */
  issuanceTarget(grantId: string, userId: string, tx?: Tx): Promise<IssuanceTarget | null>;
  favouriteRoleIds(userId: string, tx?: Tx): Promise<string[]>;
  /** Each role's MaxSessionDuration as IAM last reported it (role health), where known. */
  iamMaxSessionSeconds(roleIds: readonly string[], tx?: Tx): Promise<Map<string, number>>;
  setFavourite(userId: string, roleId: string, favourite: boolean, tx?: Tx): Promise<void>;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface SessionTag {
  key: string;
  value: string;
}

export interface AssumeRoleRequest {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  sourceIdentity: string;
  tags: SessionTag[];
  /** Keys among `tags` that sessions chained from this one inherit (and cannot override). */
  transitiveTagKeys: string[];
  /** Inline session policy JSON (≤ 2048 chars after whitespace removal), if any. */
  policy?: string;
}

export interface AssumeRoleResult {
  credentials: AwsCredentials;
  assumedRoleArn: string;
  assumedRoleId: string;
}

/** Who the broker itself is, from GetCallerIdentity. */
export interface BrokerIdentity {
  account: string;
  arn: string;
  userId: string;
  partition: Partition;
  /** The broker runs on role credentials: every AssumeRole is role chaining (1 h max). */
  isRoleSession: boolean;
  /** The broker runs on GetFederationToken credentials (no SessionDuration either). */
  isFederationToken: boolean;
  /**
   * The principal a trust policy must name: for an assumed-role session the underlying role
   * ARN (arn:aws:iam::123:role/path/name is not recoverable from the session ARN's path, so
   * this is arn:<p>:iam::<acct>:role/<name>), otherwise the caller ARN itself.
   */
  principalArn: string;
}

export interface StsPort {
  getCallerIdentity(): Promise<BrokerIdentity>;
  assumeRole(request: AssumeRoleRequest): Promise<AssumeRoleResult>;
}

export interface FederationPort {
  /** GET {federationUrl}?Action=getSigninToken&Session=…[&SessionDuration=…] → SigninToken. */
  getSigninToken(input: {
    federationUrl: string;
    credentials: AwsCredentials;
    sessionDurationSeconds?: number;
  }): Promise<string>;
}
