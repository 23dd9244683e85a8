export { startFederationStandIn } from './federation-stand-in';
export type { FederationStandIn, FederationStandInOptions } from './federation-stand-in';
export { freeLoopbackPort, startMotoServer } from './moto-server';
export type { MotoServer } from './moto-server';
export { MOTO_ACCOUNT, createMotoRoles, trustMotoAccount } from './moto-roles';
export type { MotoRoleSpec } from './moto-roles';
export { startHttpDouble } from './http-double';
export type { HttpDouble, RecordedRequest, Reply } from './http-double';
export { assumeRoleXml, iamError, stsError } from './http-double';
