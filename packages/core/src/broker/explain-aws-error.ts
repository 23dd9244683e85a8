import { AppError } from '../shared/app-error';
import type { AwsCallError } from '../shared/aws-call-error';
import type { RoleRecord } from '../shared/access-records';
import type { BrokerIdentity } from './ports';

/** What a failed STS or federation call means to the user, and what to do about it. */
export function explainAwsError(
  err: AwsCallError,
  role: RoleRecord,
  broker: BrokerIdentity | null,
  step: 'sts' | 'federation',
): AppError {
  const service = step === 'sts' ? 'AWS STS' : 'the AWS sign-in (federation) endpoint';
  const options = { cause: err };
  switch (err.errorClass) {
    case 'access_denied':
      return new AppError(
        'aws_access_denied',
        step === 'sts'
          ? `AWS refused to let Gatehouse assume ${role.arn}. Most likely the role's trust policy does not trust the broker` +
              `${broker ? ` (${broker.principalArn})` : ''}, or does not allow sts:SetSourceIdentity and sts:TagSession. ` +
              'Ask an administrator to check the role.'
          : 'The AWS sign-in endpoint refused the session. Ask an administrator to check the role and the federation endpoint.',
        options,
      );
    case 'throttled':
    case 'server_error':
    case 'network':
      return new AppError(
        'unavailable',
        `${service} is failing or throttling requests (${err.attempts} attempts). Try again shortly.`,
        options,
      );
    case 'timeout':
      return new AppError(
        'gateway_timeout',
        `${service} did not answer in time. Try again shortly.`,
        options,
      );
    case 'invalid_request':
      return new AppError('bad_gateway', `AWS rejected the request for ${role.arn}: ${err.message}`, options);
    case 'not_found':
      return new AppError(
        'bad_gateway',
        `AWS says ${role.arn} does not exist. Ask an administrator to check the role.`,
        options,
      );
    default:
      return new AppError(
        'bad_gateway',
        `${service} returned an unusable answer. Try again; if it persists tell an administrator.`,
        options,
      );
  }
}
