/** The accounts and principals the evaluation cases ask about. */
import type { RequestPrincipal } from '../model';

export const A = '111122223333';
export const B = '444455556666';
export const alice = `arn:aws:iam::${A}:user/alice`;
export const bob = `arn:aws:iam::${A}:user/bob`;
export const outsider = `arn:aws:iam::${B}:user/mallory`;
export const brokerRole = `arn:aws:iam::${A}:role/gatehouse-broker`;
export const brokerSession = `arn:aws:sts::${A}:assumed-role/gatehouse-broker/i-0abc`;

export function user(arn: string): RequestPrincipal {
  return { type: 'AWS', arn };
}
export function session(roleArn: string, sessionArn: string): RequestPrincipal {
  return { type: 'AWS', arn: roleArn, sessionArn };
}
