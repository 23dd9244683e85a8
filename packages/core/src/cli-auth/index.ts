export type * from './ports';
export * from './cli-auth-deps';
export * from './cli-auth-service';
export type { DeviceTokenOutcome } from './poll-token';
export * from './user-codes';
