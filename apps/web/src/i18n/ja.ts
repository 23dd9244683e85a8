import type { en } from './en';
import { commonJa } from './messages/common.ja';

/** 日本語の UI 文字列（en.ts と同じキー）。 */
export const ja: Record<keyof typeof en, string> = {
  ...commonJa,
};
