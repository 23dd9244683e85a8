export type * from './ports';
export * from './audit-deps';
export * from './audit-export';
export * from './audit-filter';
export * from './audit-service';
