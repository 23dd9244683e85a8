/** What the broker needs from AWS, implemented by packages/aws (STS, IAM, federation endpoint). */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

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

export type AwsErrorClass =
  | 'access_denied'
  | 'throttled'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'malformed_response'
  | 'invalid_request'
  | 'not_found'
  | 'unknown';

/** The one error adapters throw for AWS failures, after their own bounded retries. */
export class AwsCallError extends Error {
  readonly errorClass: AwsErrorClass;
  readonly awsCode: string | undefined;
  readonly attempts: number;

  constructor(
    errorClass: AwsErrorClass,
    message: string,
    options: { awsCode?: string; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AwsCallError';
    this.errorClass = errorClass;
    this.awsCode = options.awsCode;
    this.attempts = options.attempts ?? 1;
  }
}
