/** Records of the access model (accounts, roles, grants) and the ports that store them. */
import type { Partition } from '../broker/ports';
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
