export * from './client';
export * from './user-repository';
export * from './session-repository';
export * from './auth-repositories';
export * from './audit-repository';
export * from './migrate';
export * from './embedded-postgres';
