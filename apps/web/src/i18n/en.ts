/**
 * English UI strings: one file per area under messages/ (area.en.ts beside area.ja.ts, same
 * keys; a test checks). Add an area by importing it here and in ja.ts.
 */
import { common } from './messages/common.en';
import { shell } from './messages/shell.en';
import { auth } from './messages/auth.en';
import { dashboard } from './messages/dashboard.en';
import { credentials } from './messages/credentials.en';
import { profile } from './messages/profile.en';
import { device } from './messages/device.en';
import { admin } from './messages/admin.en';
import { revocations } from './messages/revocations.en';
import { audit } from './messages/audit.en';

export const en = {
  ...common,
  ...shell,
  ...auth,
  ...dashboard,
  ...credentials,
  ...profile,
  ...device,
  ...admin,
  ...revocations,
  ...audit,
} as const;
