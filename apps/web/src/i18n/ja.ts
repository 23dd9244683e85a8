import type { en } from './en';
import type { WithoutSingular } from './plural';
import { commonJa } from './messages/common.ja';
import { shellJa } from './messages/shell.ja';
import { authJa } from './messages/auth.ja';
import { dashboardJa } from './messages/dashboard.ja';
import { credentialsJa } from './messages/credentials.ja';
import { profileJa } from './messages/profile.ja';
import { deviceJa } from './messages/device.ja';
import { adminJa } from './messages/admin.ja';
import { revocationsJa } from './messages/revocations.ja';
import { auditJa } from './messages/audit.ja';

/** 日本語の UI 文字列（en.ts と同じキー。ただし日本語に単数形はないので `.one` はない）。 */
export const ja: Record<WithoutSingular<keyof typeof en>, string> = {
  ...commonJa,
  ...shellJa,
  ...authJa,
  ...dashboardJa,
  ...credentialsJa,
  ...profileJa,
  ...deviceJa,
  ...adminJa,
  ...revocationsJa,
  ...auditJa,
};
