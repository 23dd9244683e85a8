export { brokerIdentityFromArn, createStsAdapter } from './sts';
export type { StsAdapterOptions } from './sts';
export { createFederationAdapter } from './federation';
export type { FederationAdapterOptions } from './federation';
export { classifyAwsError, createIamGateway, decodePolicyDocument } from './iam';
export type { IamAdapterOptions } from './iam';
