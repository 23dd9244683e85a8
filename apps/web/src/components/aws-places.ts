/** Regions and console services to choose from when opening the console somewhere specific. */
import type { Locale } from '../i18n';

type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Region code → where it is, in each language. The code itself is what AWS understands. */
const REGIONS: Record<Partition, Array<[code: string, en: string, ja: string]>> = {
  aws: [
    ['us-east-1', 'N. Virginia', 'バージニア北部'],
    ['us-east-2', 'Ohio', 'オハイオ'],
    ['us-west-1', 'N. California', '北カリフォルニア'],
    ['us-west-2', 'Oregon', 'オレゴン'],
    ['af-south-1', 'Cape Town', 'ケープタウン'],
    ['ap-east-1', 'Hong Kong', '香港'],
    ['ap-south-1', 'Mumbai', 'ムンバイ'],
    ['ap-south-2', 'Hyderabad', 'ハイデラバード'],
    ['ap-northeast-1', 'Tokyo', '東京'],
    ['ap-northeast-2', 'Seoul', 'ソウル'],
    ['ap-northeast-3', 'Osaka', '大阪'],
    ['ap-southeast-1', 'Singapore', 'シンガポール'],
    ['ap-southeast-2', 'Sydney', 'シドニー'],
    ['ap-southeast-3', 'Jakarta', 'ジャカルタ'],
    ['ap-southeast-4', 'Melbourne', 'メルボルン'],
    ['ca-central-1', 'Canada (Central)', 'カナダ (中部)'],
    ['eu-central-1', 'Frankfurt', 'フランクフルト'],
    ['eu-central-2', 'Zurich', 'チューリッヒ'],
    ['eu-west-1', 'Ireland', 'アイルランド'],
    ['eu-west-2', 'London', 'ロンドン'],
    ['eu-west-3', 'Paris', 'パリ'],
    ['eu-north-1', 'Stockholm', 'ストックホルム'],
    ['eu-south-1', 'Milan', 'ミラノ'],
    ['eu-south-2', 'Spain', 'スペイン'],
    ['il-central-1', 'Tel Aviv', 'テルアビブ'],
    ['me-central-1', 'UAE', 'アラブ首長国連邦'],
    ['me-south-1', 'Bahrain', 'バーレーン'],
    ['sa-east-1', 'São Paulo', 'サンパウロ'],
  ],
  'aws-cn': [
    ['cn-north-1', 'Beijing', '北京'],
    ['cn-northwest-1', 'Ningxia', '寧夏'],
  ],
  'aws-us-gov': [
    ['us-gov-west-1', 'GovCloud (US-West)', 'GovCloud (米国西部)'],
    ['us-gov-east-1', 'GovCloud (US-East)', 'GovCloud (米国東部)'],
  ],
};

export function regionsOf(partition: Partition, locale: Locale): Array<{ code: string; name: string }> {
  return REGIONS[partition].map(([code, en, ja]) => ({ code, name: locale === 'ja' ? ja : en }));
}

/** Console path segments (`<console>/<service>/home`) people ask for most. */
export const CONSOLE_SERVICES: readonly string[] = [
  'ec2',
  's3',
  'iam',
  'cloudwatch',
  'lambda',
  'rds',
  'dynamodbv2',
  'cloudformation',
  'vpc',
  'ecs',
  'eks',
  'ecr',
  'cloudtrail',
  'sqs',
  'sns',
  'route53',
  'kms',
  'secretsmanager',
  'systems-manager',
  'athena',
  'glue',
  'apigateway',
  'cloudfront',
  'codebuild',
  'codepipeline',
  'billing',
];

/** The server's rule for a service: one lowercase path segment, optionally `/home`. */
export const SERVICE_PATTERN = /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9](?:\/home)?$/;
