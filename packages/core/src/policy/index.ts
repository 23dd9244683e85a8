export * from './json-document';
export * from './parse-policy-json';
export * from './evaluate-policy';
export * from './check-broker-trust';
export * from './lint-policy';
export * from './generate-trust-policy';
export * from './merge-revocation-policy';
