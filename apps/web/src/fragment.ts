/**
 * One-time tokens travel in the URL fragment (`#token=…`): browsers never send fragments to a
 * server, so the token stays out of access logs and Referer headers.
 */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
}
