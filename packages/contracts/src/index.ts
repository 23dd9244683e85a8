export * from './common';
export * from './auth';
export * from './health';
export * from './access';
export * from './admin';
export * from './cli';
export * from './roles';
export * from './revocations';
