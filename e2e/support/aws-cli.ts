/**
 * Runs what a person pastes into a terminal: the credentials snippet copied from the portal, then
 * the check command it shows, in bash, with the real aws CLI pointed at moto_server.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runInBash(script: string, motoEndpoint: string): Promise<ShellResult> {
  // A home with no ~/.aws: whatever works, works because of what was pasted.
  const home = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-home-'));
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      {
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: home,
          AWS_ENDPOINT_URL: motoEndpoint,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
