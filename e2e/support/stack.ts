import { readFileSync } from 'node:fs';
import { runFile } from './paths';

/** What global-setup.ts started, as the specs see it. */
export interface Stack {
  /** The portal, e.g. http://127.0.0.1:PORT/ */
  baseUrl: string;
  /** The one-time first-administrator link the server printed on its standard output. */
  setupUrl: string;
  /** moto_server: STS and IAM. */
  motoEndpoint: string;
  /** The federation stand-in's /federation endpoint. */
  federationUrl: string;
  /** The broker's own principal, for the trust policies of roles the specs create in moto. */
  brokerPrincipalArn: string;
}

export function readStack(): Stack {
  return JSON.parse(readFileSync(runFile('stack.json'), 'utf8')) as Stack;
}
