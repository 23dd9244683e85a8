/** Records of the access model (accounts, roles, grants), as the broker, admin and onboarding see them. */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

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
