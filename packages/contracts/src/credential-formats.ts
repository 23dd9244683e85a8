/**
 * The formats temporary credentials can be rendered in: the one list the server, core, the web
 * portal and the CLI share. No schema library here, so core and the CLI can import it as it is.
 */
export const CREDENTIAL_FORMATS = [
  'process',
  'env',
  'env-no-export',
  'powershell',
  'windows-cmd',
  'fish',
  'ini',
  'dotenv',
] as const;

export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

export function isCredentialFormat(value: string): value is CredentialFormat {
  return (CREDENTIAL_FORMATS as readonly string[]).includes(value);
}
