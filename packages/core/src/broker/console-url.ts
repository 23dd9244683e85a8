import { AppError } from '../shared/app-error';
import { isRegion, partitionOfRegion } from './aws-names';
import type { Partition } from '../shared/access-records';
import type { AwsCredentials } from './ports';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from './session-duration';

const FEDERATION_ENDPOINTS: Record<Partition, string> = {
  aws: 'https://signin.aws.amazon.com/federation',
  'aws-cn': 'https://signin.amazonaws.cn/federation',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com/federation',
};

const CONSOLE_ORIGINS: Record<Partition, string> = {
  aws: 'https://console.aws.amazon.com/',
  'aws-cn': 'https://console.amazonaws.cn/',
  'aws-us-gov': 'https://console.amazonaws-us-gov.com/',
};

/** The override exists for the federation stand-in used in tests and demos. */
export function federationEndpoint(partition: Partition, override?: string | null): string {
  if (override) return override;
  return FEDERATION_ENDPOINTS[partition];
}

/**
 * A service is one lowercase path segment (`ec2`), optionally written with its `/home` suffix
 * (`ec2/home`); either way the destination is `<console>/<service>/home`, which every console
 * service answers. Nothing else is accepted, so no input can add a host, a `..`, an escape or a
 * query: the result always begins with the partition's console origin.
 */
const SERVICE = /^([a-z0-9][a-z0-9-]{0,38}[a-z0-9])(?:\/home)?$/;

export function consoleDestination(input: {
  partition: Partition;
  service?: string | null;
  region?: string | null;
}): string {
  const origin = CONSOLE_ORIGINS[input.partition];
  const { service, region } = input;
  let name: string | undefined;
  if (service) {
    name = SERVICE.exec(service)?.[1];
    if (name === undefined) {
      throw new AppError('validation', 'Console service is not valid.', {
        fields: [
          {
            field: 'service',
            reason: 'must be 2–40 lowercase letters, digits or hyphens, optionally followed by /home',
          },
        ],
      });
    }
  }
  if (region && !(isRegion(region) && partitionOfRegion(region) === input.partition)) {
    throw new AppError('validation', 'Console region is not valid.', {
      fields: [{ field: 'region', reason: `must be a region of partition ${input.partition}` }],
    });
  }
  // A region without a service lands on the console home page of that region.
  if (name === undefined && !region) return origin;
  const path = `${name ?? 'console'}/home`;
  return region ? `${origin}${path}?region=${region}` : `${origin}${path}`;
}

function withQuery(base: string, params: [string, string][]): string {
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/**
 * The Session JSON carries the secret key, so this URL is a secret too: the adapter sends it and
 * nothing logs it. encodeURIComponent (not form encoding) keeps `+` in the token from turning into
 * a space.
 */
export function signinTokenUrl(input: {
  federationUrl: string;
  credentials: AwsCredentials;
  sessionDurationSeconds?: number;
}): string {
  const session = JSON.stringify({
    sessionId: input.credentials.accessKeyId,
    sessionKey: input.credentials.secretAccessKey,
    sessionToken: input.credentials.sessionToken,
  });
  const params: [string, string][] = [
    ['Action', 'getSigninToken'],
    ['Session', session],
  ];
  const duration = input.sessionDurationSeconds;
  if (duration !== undefined) {
    if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS || duration > MAX_SESSION_SECONDS) {
      throw new AppError('validation', 'Session duration is not valid.', {
        fields: [
          {
            field: 'durationSeconds',
            reason: `must be between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS}`,
          },
        ],
      });
    }
    params.push(['SessionDuration', String(duration)]);
  }
  return withQuery(input.federationUrl, params);
}

/**
 * Refuses any destination outside the AWS consoles even though consoleDestination already
 * guarantees it: this URL is where users get redirected, so an open redirect here would carry
 * a live console session with it.
 */
export function loginUrl(input: {
  federationUrl: string;
  issuer: string;
  destination: string;
  signinToken: string;
}): string {
  const origins = Object.values(CONSOLE_ORIGINS);
  if (!origins.some((origin) => input.destination.startsWith(origin))) {
    throw new AppError('internal', 'Console destination is not an AWS console URL.');
  }
  return withQuery(input.federationUrl, [
    ['Action', 'login'],
    ['Issuer', input.issuer],
    ['Destination', input.destination],
    ['SigninToken', input.signinToken],
  ]);
}
