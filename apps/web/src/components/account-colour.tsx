/**
 * Accounts carry a colour, as the AWS console's switch-role history does, so production and
 * sandbox look different at a glance. Text on it is black or white, whichever reads better.
 */
import type { CSSProperties } from 'react';

const HEX = /^#([0-9a-f]{6})$/i;
const FALLBACK = '#1d8102';

export function accountColour(colour: string): string {
  return HEX.test(colour) ? colour.toLowerCase() : FALLBACK;
}

/** WCAG relative luminance → the text colour with the larger contrast ratio. */
export function textColourOn(colour: string): '#000000' | '#ffffff' {
  const hex = accountColour(colour).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

export function accountStyle(colour: string): CSSProperties {
  const background = accountColour(colour);
  return { '--gh-account': background, '--gh-account-text': textColourOn(background) } as CSSProperties;
}

/** The account's name on its colour, like the console's role label after a switch. */
export function AccountLabel({ name, colour }: { name: string; colour: string }) {
  return (
    <span className="gh-account-label" style={accountStyle(colour)}>
      {name}
    </span>
  );
}
