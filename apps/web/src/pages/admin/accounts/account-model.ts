/**
 * Account form rules the browser can check before asking: the 12-digit id, a #rrggbb colour and a
 * region of the chosen partition. The server checks them again.
 */
import type { AdminAccount, AdminAccountCreate } from '@gatehouse/contracts';

export type Partition = AdminAccount['partition'];
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/**
 * The colours the AWS console offers when you add a switch-role entry (its `color` parameter),
 * so an account looks here the way it looks in the console's role history.
 */
export const CONSOLE_COLOURS = [
  { id: 'red', hex: '#f2b0a9' },
  { id: 'orange', hex: '#fbc8aa' },
  { id: 'yellow', hex: '#efda95' },
  { id: 'green', hex: '#b7ca9d' },
  { id: 'blue', hex: '#83d4e8' },
] as const;

export type ConsoleColourId = (typeof CONSOLE_COLOURS)[number]['id'];
export const DEFAULT_COLOUR = '#b7ca9d';

export function consoleColourOf(hex: string): ConsoleColourId | null {
  const value = hex.trim().toLowerCase();
  return CONSOLE_COLOURS.find((c) => c.hex === value)?.id ?? null;
}

/** `#1D8102`, `1d8102` and `#1d8102` are the same colour; anything else is not one. */
export function normaliseColour(input: string): string | null {
  const value = input.trim().toLowerCase().replace(/^#?/, '#');
  return /^#[0-9a-f]{6}$/.test(value) ? value : null;
}

/** Pasted ids often carry dashes or spaces (1234-5678-9012, as the console shows them). */
export function normaliseAccountId(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '');
}

export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** Regions to suggest; the server accepts any well-formed region name of the partition. */
export const REGIONS: Record<Partition, readonly string[]> = {
  aws: [
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
    'sa-east-1',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

export function regionMatchesPartition(region: string, partition: Partition): boolean {
  const of: Partition = region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  return of === partition;
}

export interface AccountFormState {
  awsAccountId: string;
  name: string;
  partition: Partition;
  colour: string;
  description: string;
  defaultRegion: string;
  disabled: boolean;
}

export type AccountProblem = 'awsAccountId' | 'name' | 'colour' | 'defaultRegion';

/** Every field, filled in: the form sends them all, on edit as on create. */
type AccountBody = Required<AdminAccountCreate>;

export function checkAccount(state: AccountFormState): {
  problems: AccountProblem[];
  body: AccountBody | null;
} {
  const problems: AccountProblem[] = [];
  const awsAccountId = normaliseAccountId(state.awsAccountId);
  if (!isAccountId(awsAccountId)) problems.push('awsAccountId');
  if (state.name.trim() === '') problems.push('name');
  const colour = normaliseColour(state.colour);
  if (!colour) problems.push('colour');
  const region = state.defaultRegion.trim();
  if (region && !regionMatchesPartition(region, state.partition)) problems.push('defaultRegion');
  if (problems.length > 0 || !colour) return { problems, body: null };
  return {
    problems,
    body: {
      awsAccountId,
      name: state.name.trim(),
      partition: state.partition,
      colour,
      description: state.description.trim(),
      defaultRegion: region || null,
      disabled: state.disabled,
    },
  };
}
