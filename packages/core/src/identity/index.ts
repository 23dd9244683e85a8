export type * from './ports';
export * from './identity-deps';
export * from './identity-service';
export { publicSessionId } from './own-sessions';
export * from './password';
export * from './recovery-codes';
export * from './totp';
export * from './usernames';
