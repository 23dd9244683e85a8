// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fixtures, ids, renderArea, scriptApi } from './admin-harness';
import { resetAfterEach } from './reset';

resetAfterEach();

describe('accounts', () => {
  it('creates an account with a console colour and the partition’s region', async () => {
    const api = scriptApi([
      { method: 'GET', path: '/api/admin/accounts', body: { accounts: [] } },
      {
        method: 'POST',
        path: '/api/admin/accounts',
        status: 201,
        body: { ...fixtures.account, name: 'Sandbox' },
      },
    ]);
    renderArea('/admin/accounts');
    expect(await screen.findByText('No AWS accounts yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add AWS account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add AWS account' });
    fireEvent.change(within(dialog).getByLabelText('AWS account id', { exact: false, selector: 'input' }), {
      target: { value: '2222 3333 4444' },
    });
    fireEvent.change(within(dialog).getByLabelText('Name', { exact: false, selector: 'input' }), {
      target: { value: 'Sandbox' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Blue/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      awsAccountId: '222233334444',
      name: 'Sandbox',
      partition: 'aws',
      colour: '#83d4e8',
      description: '',
      defaultRegion: null,
      disabled: false,
    });
    expect(await screen.findByText('Account Sandbox was added.')).toBeTruthy();
  });

  it('explains a refused delete (409) in the confirmation', async () => {
    scriptApi([
      { method: 'GET', path: '/api/admin/accounts', body: { accounts: [fixtures.account] } },
      {
        method: 'DELETE',
        path: `/api/admin/accounts/${ids.account}`,
        status: 409,
        body: {
          requestId: 'r4',
          statusCode: 409,
          error: 'conflict',
          message: 'Delete the roles of this account first.',
          fields: [{ field: 'id', reason: 'account has roles' }],
        },
      },
    ]);
    renderArea('/admin/accounts');
    fireEvent.click(await screen.findByRole('radio', { name: 'Select Production' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete account Production?' });
    expect(within(confirm).getByText(/It still has 1 role\. /)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await within(confirm).findByText('Delete the roles of this account first.')).toBeTruthy();
    expect(within(confirm).getByText('This conflicts with what is already there')).toBeTruthy();
  });
});

describe('role detail', () => {
  const trust = {
    brokerPrincipalArn: 'arn:aws:iam::111122223333:role/gatehouse-broker',
    roleArn: fixtures.role.arn,
    trustPolicy: '{\n  "Version": "2012-10-17"\n}',
    brokerPolicy: '{"broker": true}',
    iamRole: null,
    snippets: {
      awsCli: 'aws iam update-assume-role-policy …',
      cloudFormation: 'Resources: …',
      terraform: 'resource …',
    },
    notes: ['Gatehouse always sets SourceIdentity.'],
  };

  it('shows the generated trust policy and revokes every session after confirming', async () => {
    const api = scriptApi([
      { method: 'GET', path: `/api/admin/roles/${ids.role}`, body: fixtures.role },
      { method: 'GET', path: '/api/admin/accounts', body: { accounts: [fixtures.account] } },
      { method: 'GET', path: /^\/api\/admin\/grants\?roleId=/, body: { grants: [] } },
      {
        method: 'GET',
        path: `/api/admin/role-health/${ids.role}`,
        body: {
          roleId: ids.role,
          roleArn: fixtures.role.arn,
          displayName: 'Read only',
          accountId: ids.account,
          accountName: 'Production',
          awsAccountId: '123456789012',
          status: 'unchecked',
          checkedAt: null,
          report: null,
        },
      },
      { method: 'POST', path: '/api/admin/trust-policies', body: trust },
      {
        method: 'POST',
        path: `/api/admin/roles/${ids.role}/revoke-sessions`,
        body: {
          roleId: ids.role,
          roleArn: fixtures.role.arn,
          scope: 'role',
          userId: null,
          sourceIdentity: null,
          policyName: 'GatehouseRevokeOlderSessions',
          cutoff: '2030-01-01T00:00:00.000Z',
          document: '{}',
          pruned: 0,
          changedAs: 'arn:aws:iam::111122223333:role/gatehouse-iam',
        },
      },
    ]);
    renderArea(`/admin/roles/${ids.role}`);
    expect(await screen.findByRole('heading', { name: 'Read only', level: 1 })).toBeTruthy();
    expect(await screen.findByText('Gatehouse has not checked this role yet.')).toBeTruthy();
    expect((await screen.findByLabelText('Trust policy JSON')).textContent).toBe(trust.trustPolicy);
    expect(api.calls.find((c) => c.url === '/api/admin/trust-policies')?.body).toEqual({
      roleId: ids.role,
      requireSourceIdentity: true,
      requireMfaTag: true,
    });

    fireEvent.click(screen.getByRole('checkbox', { name: /Require the MFA session tag/ }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.url === '/api/admin/trust-policies').at(-1)?.body).toEqual({
        roleId: ids.role,
        requireSourceIdentity: true,
        requireMfaTag: false,
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Revoke all sessions' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke every session of Read only?' });
    expect(api.calls.some((c) => c.url.endsWith('/revoke-sessions'))).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke all sessions' }));
    expect(await screen.findByText(/^Sessions issued before .* are revoked\.$/)).toBeTruthy();
    expect(api.calls.find((c) => c.url.endsWith('/revoke-sessions'))?.body).toEqual({});
  });
});

describe('policy linter', () => {
  it('lints as you type, marks the line, moves to a finding and applies its fix', async () => {
    const broken = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const at = broken.indexOf('\n  "Statement"');
    const api = scriptApi([
      {
        method: 'POST',
        path: '/api/admin/policies/lint',
        body: (request: { body: unknown }) => {
          const { document } = request.body as { document: string };
          const missingComma = document === broken;
          return {
            ok: !missingComma,
            counts: { error: missingComma ? 1 : 0, danger: 0, warning: 0, info: 0 },
            findings: missingComma
              ? [
                  {
                    code: 'json_missing_comma',
                    severity: 'error',
                    message: 'A comma is missing after "2012-10-17".',
                    hint: null,
                    path: null,
                    line: 2,
                    column: 26,
                    endLine: 2,
                    endColumn: 27,
                    offset: at,
                    endOffset: at + 1,
                    fix: { offset: at, deleteCount: 0, insert: ',' },
                  },
                ]
              : [],
            brokerArn: null,
            broker: null,
            assumedFixes: [],
          };
        },
      },
    ]);
    renderArea('/admin/policy-linter');
    const editor = (await screen.findByRole('textbox', { name: 'Policy JSON' })) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: broken } });

    expect(
      await screen.findByText('A comma is missing after "2012-10-17".', {}, { timeout: 3000 }),
    ).toBeTruthy();
    expect(api.calls.at(-1)?.body).toEqual({ document: broken, kind: 'trust' });
    expect(document.querySelectorAll('.gh-policy-editor__marker--error')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Go to line 2, column 26' }));
    expect(document.activeElement).toBe(editor);
    expect([editor.selectionStart, editor.selectionEnd]).toEqual([at, at + 1]);
    expect(screen.getByText('Line 2: A comma is missing after "2012-10-17".')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Apply the fix on line 2' }));
    expect(editor.value).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}');
    expect(await screen.findByText('No findings.', {}, { timeout: 3000 })).toBeTruthy();
  });
});
