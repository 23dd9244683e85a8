import { AwsCallError } from '@gatehouse/core';
import { describe, expect, it } from 'vitest';
import { brokerIdentityFromArn } from '../src/sts';

const ACCOUNT = '123456789012';

describe('brokerIdentityFromArn', () => {
  it('treats an IAM user as a long-term principal', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/ops/gatehouse`;
    expect(brokerIdentityFromArn(arn, ACCOUNT, 'AIDAEXAMPLE')).toEqual({
      account: ACCOUNT,
      arn,
      userId: 'AIDAEXAMPLE',
      partition: 'aws',
      isRoleSession: false,
      isFederationToken: false,
      principalArn: arn,
    });
  });

  it('maps an assumed-role session to the role ARN (no path: session ARNs never carry one)', () => {
    // A role created as role/service/gatehouse-broker still yields assumed-role/gatehouse-broker/<session>.
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/gatehouse-broker/i-0abc123`;
    expect(brokerIdentityFromArn(arn, ACCOUNT, 'AROAEXAMPLE:i-0abc123')).toEqual({
      account: ACCOUNT,
      arn,
      userId: 'AROAEXAMPLE:i-0abc123',
      partition: 'aws',
      isRoleSession: true,
      isFederationToken: false,
      principalArn: `arn:aws:iam::${ACCOUNT}:role/gatehouse-broker`,
    });
  });

  it('takes the role name from the segment before the session if an ARN ever carries a path', () => {
    const identity = brokerIdentityFromArn(
      `arn:aws:sts::${ACCOUNT}:assumed-role/team/ops/broker/sess@x`,
      ACCOUNT,
      'u',
    );
    expect(identity.isRoleSession).toBe(true);
    expect(identity.principalArn).toBe(`arn:aws:iam::${ACCOUNT}:role/broker`);
  });

  it('recognises GetFederationToken credentials', () => {
    const arn = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
    const identity = brokerIdentityFromArn(arn, ACCOUNT, `${ACCOUNT}:bob`);
    expect(identity).toMatchObject({
      isRoleSession: false,
      isFederationToken: true,
      principalArn: arn,
      partition: 'aws',
    });
  });

  it('treats the root user as a long-term principal', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:root`;
    expect(brokerIdentityFromArn(arn, ACCOUNT, ACCOUNT)).toMatchObject({
      isRoleSession: false,
      isFederationToken: false,
      principalArn: arn,
    });
  });

  it('keeps the partition for aws-cn and aws-us-gov', () => {
    expect(
      brokerIdentityFromArn(`arn:aws-cn:sts::${ACCOUNT}:assumed-role/broker/s`, ACCOUNT, 'u'),
    ).toMatchObject({
      partition: 'aws-cn',
      isRoleSession: true,
      principalArn: `arn:aws-cn:iam::${ACCOUNT}:role/broker`,
    });
    expect(brokerIdentityFromArn(`arn:aws-us-gov:iam::${ACCOUNT}:user/broker`, ACCOUNT, 'u')).toMatchObject({
      partition: 'aws-us-gov',
      isRoleSession: false,
      principalArn: `arn:aws-us-gov:iam::${ACCOUNT}:user/broker`,
    });
  });

  it("accepts moto's default caller (an STS user ARN) as a long-term principal", () => {
    const arn = `arn:aws:sts::${ACCOUNT}:user/moto`;
    expect(brokerIdentityFromArn(arn, ACCOUNT, 'AKIAIOSFODNN7EXAMPLE')).toMatchObject({
      isRoleSession: false,
      isFederationToken: false,
      principalArn: arn,
    });
  });

  it.each([
    ['not an ARN', 'gatehouse'],
    ['unknown partition', `arn:aws-iso:iam::${ACCOUNT}:user/x`],
    ['other service', `arn:aws:s3::${ACCOUNT}:bucket`],
    ['other account', 'arn:aws:iam::999999999999:user/x'],
    ['incomplete session', `arn:aws:sts::${ACCOUNT}:assumed-role/broker`],
  ])('rejects %s as a malformed response', (_label, arn) => {
    let error: unknown;
    try {
      brokerIdentityFromArn(arn, ACCOUNT, 'u');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).errorClass).toBe('malformed_response');
  });
});
