// Until the policy domain moves into policy/: its files import this from the old place.
export * from './broker/ports';
export * from './shared/aws-call-error';
export type { Partition } from './shared/access-records';
