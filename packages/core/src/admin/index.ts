export type * from './ports';
export * from './admin-deps';
export * from './admin-service';
export { DEFAULT_ACCOUNT_COLOUR } from './accounts';
export { MAX_GRANT_SUBJECTS, MAX_SOURCE_CIDRS } from './grants';
export { DEFAULT_ROLE_SESSION_SECONDS } from './roles';
