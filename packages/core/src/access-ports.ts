// Until the policy domain moves into policy/: its files import this from the old place.
export * from './shared/access-records';
export type * from './broker/ports';
