/** Records of the access model (accounts, roles, grants) and the ports that store them. */
import type { Partition } from './aws-ports';
import type { Tx } from './ports';

export interface AccountRecord {
  id: string;
  awsAccountId: string;
  name: string;
  partition: Partition;
  colour: string;
  description: string;
  defaultRegion: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoleRecord {
  id: string;
  accountId: string;
  roleName: string;
  rolePath: string;
  arn: string;
  displayName: string;
  description: string;
  maxSessionSeconds: number;
  sessionPolicy: string | null;
  requiresStepUp: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface GrantRecord {
  id: string;
  roleId: string;
  userId: string | null;
  groupId: string | null;
  allowConsole: boolean;
  allowCli: boolean;
  maxSessionSeconds: number | null;
  sourceCidrs: string[];
  expiresAt: Date | null;
  note: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A grant with what it points at, as issuance and "my access" need it. */
export interface GrantWithTarget {
  grant: GrantRecord;
  role: RoleRecord;
  account: AccountRecord;
  /** Set when the grant reaches the user through a group. */
  groupName?: string | null;
}

export interface AccessRepository {
  /**
   * Grants that reach the user directly or through a group, with role and account; expired
   * grants and disabled accounts are left out.
   */
  effectiveGrants(userId: string, now: Date, tx?: Tx): Promise<GrantWithTarget[]>;
  findGrant(grantId: string, tx?: Tx): Promise<GrantWithTarget | null>;
  isGroupMember(userId: string, groupId: string, tx?: Tx): Promise<boolean>;
  favouriteRoleIds(userId: string, tx?: Tx): Promise<string[]>;
  /** Each role's MaxSessionDuration as IAM last reported it (role health), where known. */
  iamMaxSessionSeconds(roleIds: readonly string[], tx?: Tx): Promise<Map<string, number>>;
  setFavourite(userId: string, roleId: string, favourite: boolean, tx?: Tx): Promise<void>;
}
