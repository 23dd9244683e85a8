/**
 * Opening the AWS console in a new tab without a popup blocker in the way: the tab must be
 * opened synchronously in the click handler, before the sign-in URL exists. It shows a short
 * message until the URL arrives; then it drops its link back to us and goes there.
 */
export function openBlankTab(title: string, message: string): Window | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  try {
    tab.document.title = title;
    tab.document.body.textContent = message;
  } catch {
    // A browser that will not let us write into the new tab still lets us navigate it.
  }
  return tab;
}

/** The URL is used here and nowhere else: not stored, not logged, not kept in state. */
export function sendTabTo(tab: Window, url: string): void {
  tab.opener = null;
  tab.location.replace(url);
}
