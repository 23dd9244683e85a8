export { startFederationStandIn } from './federation-stand-in';
export type { FederationStandIn, FederationStandInOptions } from './federation-stand-in';
export { freeLoopbackPort, startMotoServer } from './moto-server';
export type { MotoServer } from './moto-server';
export { startHttpDouble } from './http-double';
export type { HttpDouble, RecordedRequest, Reply } from './http-double';
export { assumeRoleXml, stsError } from './http-double';
