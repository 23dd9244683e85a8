export type * from './ports';
export * from './revocation-deps';
export * from './revocation-service';
export { scheduleRevocations } from './schedule';
