/**
 * English UI strings: one file per area under messages/ (area.en.ts beside area.ja.ts, same
 * keys; a test checks). Add an area by importing it here and in ja.ts.
 */
import { common } from './messages/common.en';

export const en = {
  ...common,
} as const;
