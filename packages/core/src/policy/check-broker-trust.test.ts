import { describe, expect, it } from 'vitest';
import { checkBrokerTrust } from './check-broker-trust';
import { trustPolicyDocument } from './generate-trust-policy';
import { readPolicy } from './read-policy';

const BROKER = 'arn:aws:iam::123456789012:user/gatehouse-broker';

function trust(document: unknown) {
  const { policy } = readPolicy(document);
  return checkBrokerTrust(policy!, { principalArn: BROKER });
}

describe('checkBrokerTrust', () => {
  it('trusts the generated policy for the portal and for a CLI login alike', () => {
    expect(trust(trustPolicyDocument(BROKER)).trusted).toBe(true);
  });

  it("refuses a policy that would let the portal's AssumeRole in but not a CLI login's, and says why", () => {
    const portalTags = [
      'gatehouse:user',
      'gatehouse:user-id',
      'gatehouse:mfa',
      'gatehouse:grant',
      'gatehouse:via',
    ];
    const check = trust({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: BROKER },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          // Only the tag keys the portal sends: a CLI login's gatehouse:login is not among them.
          Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': portalTags } },
        },
      ],
    });
    expect(check.trusted).toBe(false);
    expect(check.unverifiable).toBe(false);
    expect(check.explanation).toMatch(/^For credentials through a CLI login/);
  });
});
