/**
 * Every JSON example in the seed articles (shared/seeds, Japanese posts on Switch Role and
 * AssumeRole), copied verbatim, broken ones included: they are what admins actually paste.
 */
export interface SeedPolicy {
  name: string;
  /** What the article uses it as. `output` is CLI output, not a policy. */
  kind: 'trust' | 'identity' | 'output';
  description: string;
  source: string;
  text: string;
}

export const SEED_POLICIES: readonly SeedPolicy[] = [
  {
    name: 'switchRoleAnyRole',
    kind: 'identity',
    description: 'Identity policy letting a user assume any role (missing comma)',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "sts:AssumeRole" "Resource": "*" } }',
  },
  {
    name: 'switchRoleAccountRoles',
    kind: 'identity',
    description: 'Identity policy for every role of an account (missing comma)',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "sts:AssumeRole" "Resource": "arn:aws:iam::1234567890:role/*" } }',
  },
  {
    name: 'switchRoleTwoRoles',
    kind: 'identity',
    description: 'Identity policy for one role in two accounts (missing comma)',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "sts:AssumeRole" "Resource": [ "arn:aws:iam::1234567890:role/sw-admin-write", "arn:aws:iam::9988776655:role/sw-admin-write" ] } }',
  },
  {
    name: 'privilegedRoleFromIp',
    kind: 'identity',
    description: 'Identity policy: AssumeRole plus Deny outside one IP',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Sid": "AllowAssumeRole", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::xxxxxxxxxx:role/AssumedAdministratorAccessRole" }, { "Sid": "SourceIPRestriction", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "NotIpAddress": { "aws:SourceIp": [ "xxx.xxx.xxx.xxx/32" ] } } } ] }',
  },
  {
    name: 'trustUsersFromIp',
    kind: 'trust',
    description: 'Trust policy: four IAM users from one IP (missing comma)',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": [ "arn:aws:iam::xxxxxxxxxxxxxxx:user/xxxxxxxxx", "arn:aws:iam::xxxxxxxxxxxxxxx:user/xxxxxxxxx", "arn:aws:iam::xxxxxxxxxxxxxxx:user/xxxxxxxxx", "arn:aws:iam::xxxxxxxxxxxxxxx:user/xxxxxxxxx" ] }, "Action": "sts:AssumeRole" "Condition": { "IpAddress": { "aws:SourceIp": "x.x.x.x/32" } } } ] }',
  },
  {
    name: 'trustInfraUsers',
    kind: 'trust',
    description: 'Trust policy: account root narrowed by ArnLike on aws:PrincipalArn (missing comma)',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::aaaaaaaa:root" }, "Action": "sts:AssumeRole" "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::aaaaaaaaaa:user/*_infra" } } } ] }',
  },
  {
    name: 'trustAccountRoot',
    kind: 'trust',
    description: 'Trust policy: every principal of 123456789012',
    source: 'seeds/000_64dd34a0bbed81d2.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole" } ] }',
  },
  {
    name: 'trustAccountRootWithMfa',
    kind: 'trust',
    description: 'Trust policy: account root with Bool aws:MultiFactorAuthPresent',
    source: 'seeds/001_4537e6ce3b615b4c.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } } ] }',
  },
  {
    name: 'switchRolePlaceholder',
    kind: 'identity',
    description: 'Identity policy with Japanese placeholders in the Resource ARN',
    source: 'seeds/002_7ebf1932f0e4d53d.txt',
    text: '{\n    "Version": "2012-10-17",\n    "Statement": {\n        "Effect": "Allow",\n        "Action": "sts:AssumeRole",\n        "Resource": "arn:aws:iam::<スイッチ先のAWSアカウントID>:role/<1で作成したロール名>"\n    }\n}',
  },
  {
    name: 'assumeRoleOutput',
    kind: 'output',
    description: 'Output of aws sts assume-role (not a policy)',
    source: 'seeds/002_7ebf1932f0e4d53d.txt',
    text: '{\n    "Credentials": {\n        "AccessKeyId": "ABCDEFGHIJKMNL",\n        "SecretAccessKey": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",\n        "SessionToken": "xxxxxxxxxxxxxxxxxxxxxxxx~~~~~~~~~~~~~~~xxxxxxx",\n        "Expiration": "2022-01-09T14:42:00Z"\n    },\n    "AssumedRoleUser": {\n        "AssumedRoleId": "ABCDEFGHIJKMNL:FromSession",\n        "Arn": "arn:aws:sts::0000000000:assumed-role/CrossAccountReadOnly/FromSession"\n    }\n}',
  },
  {
    name: 'trustVendorAccount',
    kind: 'trust',
    description: 'Trust policy for a vendor account (placeholder account id)',
    source: 'seeds/003_e8ea393157c2b811.txt',
    text: '{\n"Version": "2012-10-17",\n"Statement": [\n{\n"Sid": "AllowVendorAccountAssumeRole",\n"Effect": "Allow",\n"Principal": {\n"AWS": "arn:aws:iam::VENDOR-ACCOUNT-ID:root"\n},\n"Action": "sts:AssumeRole"\n}\n]\n}',
  },
  {
    name: 's3ReadPolicy',
    kind: 'identity',
    description: 'S3 read-only permissions policy of the lent role',
    source: 'seeds/003_e8ea393157c2b811.txt',
    text: '{\n"Version": "2012-10-17",\n"Statement": [\n{\n"Sid": "AllowS3BucketListAccess",\n"Effect": "Allow",\n"Action": "s3:ListBucket",\n"Resource": "arn:aws:s3:::company-shared-data-bucket-XXXXX"\n},\n{\n"Sid": "AllowS3ObjectReadAccess",\n"Effect": "Allow",\n"Action": "s3:GetObject",\n"Resource": "arn:aws:s3:::company-shared-data-bucket-XXXXX/*"\n}\n]\n}',
  },
  {
    name: 'permissionSetAssumeCompanyRole',
    kind: 'identity',
    description: 'IAM Identity Center permission set allowing AssumeRole',
    source: 'seeds/003_e8ea393157c2b811.txt',
    text: '{ "Version": "2012-10-17", "Statement": [ { "Sid": "AllowAssumeCompanyRole", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::COMPANY-ACCOUNT-ID:role/VendorAccessRole" } ] }',
  },
  {
    name: 'assumeRoleOutputVendor',
    kind: 'output',
    description: 'Output of aws sts assume-role in the vendor account (not a policy)',
    source: 'seeds/003_e8ea393157c2b811.txt',
    text: '{\n"Credentials": {\n"AccessKeyId": "***************",\n"SecretAccessKey": "********************************",\n"SessionToken": "XXXXXXXXXXXX//////////... (省略)",\n"Expiration": "XXXX-XX-XXTXX:XX:XX+00:00"\n},\n"AssumedRoleUser": {\n"AssumedRoleId": "ARO***************:VendorTestSession",\n"Arn": "arn:aws:sts::COMPANY-ACCOUNT-ID:assumed-role/VendorAccessRole/VendorTestSession"\n}\n}',
  },
  {
    name: 'bobIdentityPolicy',
    kind: 'identity',
    description: 'Identity policy for Bob: ec2:Describe*, iam:ListRoles, sts:AssumeRole',
    source: 'seeds/004_ad17507fd710700a.txt',
    text: '{\n    "Version": "2012-10-17",\n    "Statement": [\n        {\n            "Effect": "Allow",\n            "Action": [\n                "ec2:Describe*",\n                "iam:ListRoles",\n                "sts:AssumeRole"\n            ],\n            "Resource": "*"\n        }\n    ]\n}',
  },
  {
    name: 'exampleRoleTrustPolicy',
    kind: 'trust',
    description: 'Trust policy of example-role: account root',
    source: 'seeds/004_ad17507fd710700a.txt',
    text: '{\n    "Version": "2012-10-17",\n    "Statement": {\n        "Effect": "Allow",\n        "Principal": { "AWS": "arn:aws:iam::123456789012:root" },\n        "Action": "sts:AssumeRole"\n    }\n}',
  },
];

export function seedPolicy(name: string): SeedPolicy {
  const found = SEED_POLICIES.find((p) => p.name === name);
  if (!found) throw new Error(`no seed policy ${name}`);
  return found;
}
