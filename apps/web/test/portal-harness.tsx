/** Rendering our components the way main.tsx does: query client, language, router, notices. */
import type { ReactElement } from 'react';
import { configure, render } from '@testing-library/react';
import { vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { AppI18nProvider } from '../src/i18n';
import type { Locale } from '../src/i18n';
import { NotificationsProvider, Notifications } from '../src/components/notifications';
import { createQueryClient } from '../src/query-client';
import { setSession } from '../src/session';
import type { Session } from '../src/session';

// Cloudscape pages render slowly in jsdom, more so when test files run side by side.
configure({ asyncUtilTimeout: 5_000 });

/**
 * `session` is what the route guards would have loaded before the page rendered; leave it out
 * for the public pages, which ask the server themselves.
 */
export function renderWithApp(
  ui: ReactElement,
  options: { locale?: Locale; path?: string; session?: Session } = {},
) {
  const client = createQueryClient();
  if (options.session !== undefined) setSession(client, options.session);
  const result = render(
    <QueryClientProvider client={client}>
      <AppI18nProvider initial={options.locale ?? 'en'}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>
          <NotificationsProvider>
            <Notifications />
            {ui}
          </NotificationsProvider>
        </MemoryRouter>
      </AppI18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}

/** Who the portal tests sign in as, as the API describes a signed-in user. */
export const aliceUser = {
  id: 'u',
  username: 'alice',
  displayName: 'Alice',
  email: null,
  isAdmin: false,
  mfaEnrolled: true,
};

/** A fetch stand-in answering by "METHOD /path"; anything unexpected fails the test loudly. */
export function fakeFetch(
  routes: Record<
    string,
    (body: unknown) => { status: number; body: unknown; headers?: Record<string, string> }
  >,
) {
  const calls: Array<{ key: string; body: unknown }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://gatehouse.test');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ key, body });
    const handler = routes[key];
    if (!handler) throw new Error(`unexpected request ${key}`);
    const answer = handler(body);
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  return { fetch, calls };
}

/** `fakeFetch` put in place of the global fetch, for the rest of the test. */
export function serveFetch(routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(routes);
  vi.stubGlobal('fetch', fake.fetch);
  return fake;
}

/**
 * A tab that `window.open` hands back: the console is sent there by `location.replace`, and the
 * opener is cut so the AWS page cannot reach back into ours.
 */
export function fakeTab(opener: unknown = null) {
  const tab = {
    opener,
    location: { replace: vi.fn() },
    document: document.implementation.createHTMLDocument(''),
    close: vi.fn(),
  };
  const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
  return { tab, open };
}
