/** Gatehouse's domain, by area; each folder's index says what it offers the rest of the tree. */
export * from './shared';
export * from './identity';
export * from './broker';
export * from './admin';
export * from './audit';
export * from './onboarding';
export * from './cli-auth';
export * from './parse-policy-json';
export * from './evaluate-policy';
export * from './check-broker-trust';
export * from './lint-policy';
export * from './generate-trust-policy';
export * from './merge-revocation-policy';
export * from './check-role-health';
export * from './operations';
