/** Gatehouse's domain, by area; each folder's index says what it offers the rest of the tree. */
export * from './shared';
export * from './identity';
export * from './broker';
export * from './admin';
export * from './audit';
export * from './policy';
export * from './onboarding';
export * from './cli-auth';
export * from './operations';
export * from './revocation';
