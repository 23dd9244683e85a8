import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';

/** A value and, small beneath it, what AWS or the log calls it (a role name, an ARN, an action). */
export function WithDetail({ children, detail }: { children: ReactNode; detail: ReactNode }) {
  return (
    <SpaceBetween size="xxxs">
      {children}
      {detail === null || detail === undefined ? null : (
        <Box variant="small" color="text-body-secondary">
          {detail}
        </Box>
      )}
    </SpaceBetween>
  );
}
