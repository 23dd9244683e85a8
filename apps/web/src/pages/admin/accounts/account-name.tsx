import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminAccount } from '@gatehouse/contracts';
import { ColourSwatch } from './colour-picker';

/** An account as admins tell them apart: its colour, its name and its twelve digits. */
export function AccountName({
  account,
}: {
  account: Pick<AdminAccount, 'colour' | 'name' | 'awsAccountId'>;
}) {
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <ColourSwatch colour={account.colour} />
      <span>
        {account.name} ({account.awsAccountId})
      </span>
    </SpaceBetween>
  );
}
