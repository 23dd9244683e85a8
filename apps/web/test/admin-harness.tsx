/**
 * Renders the admin and audit areas as the shell mounts them, against a scripted API: the test
 * lists the answers, the harness records every request. Only the network is replaced.
 */
import { configure, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { AppI18nProvider } from '../src/i18n';
import type { Locale } from '../src/i18n';
import AdminArea from '../src/pages/admin';
import AuditArea from '../src/pages/audit';

// Cloudscape pages are heavy for jsdom; on a busy machine a first render can take seconds.
configure({ asyncUtilTimeout: 8000 });

export interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

export interface ScriptedRoute {
  method: string;
  /** Matched against the path and query (`/api/admin/users?limit=50&offset=0`). */
  path: string | RegExp;
  status?: number;
  body: unknown | ((request: Recorded) => unknown);
}

export function scriptApi(routes: ScriptedRoute[]) {
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const request: Recorded = { method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(request);
    // Later routes win, so a test can override a default answer by adding one.
    const route = [...routes]
      .reverse()
      .find((r) => r.method === method && (typeof r.path === 'string' ? r.path === url : r.path.test(url)));
    if (!route) {
      return new Response(
        JSON.stringify({ statusCode: 404, error: 'not_found', message: `unscripted ${method} ${url}` }),
        {
          status: 404,
          headers: { 'content-type': 'application/json' },
        },
      );
    }
    const body =
      typeof route.body === 'function' ? (route.body as (r: Recorded) => unknown)(request) : route.body;
    return new Response(JSON.stringify(body), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    add(route: ScriptedRoute) {
      routes.push(route);
    },
  };
}

let currentLocation = '';
function LocationProbe() {
  const location = useLocation();
  currentLocation = `${location.pathname}${location.search}`;
  return null;
}
export const locationNow = () => currentLocation;

export function renderArea(path: string, locale: Locale = 'en') {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <AppI18nProvider initial={locale}>
        <MemoryRouter initialEntries={[path]}>
          <LocationProbe />
          <Routes>
            <Route path="/admin/*" element={<AdminArea />} />
            <Route path="/audit/*" element={<AuditArea />} />
          </Routes>
        </MemoryRouter>
      </AppI18nProvider>
    </QueryClientProvider>,
  );
}

export const ids = {
  user: '11111111-1111-4111-8111-111111111111',
  user2: '66666666-6666-4666-8666-666666666666',
  group: '22222222-2222-4222-8222-222222222222',
  account: '33333333-3333-4333-8333-333333333333',
  role: '44444444-4444-4444-8444-444444444444',
  grant: '55555555-5555-4555-8555-555555555555',
};

const at = '2030-01-01T00:00:00.000Z';

export const fixtures = {
  user: {
    id: ids.user,
    username: 'alice',
    displayName: 'Alice Example',
    email: 'alice@example.com',
    isAdmin: false,
    disabled: false,
    mfaEnrolled: true,
    hasPassword: true,
    enrolmentLinkRequired: false,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: at,
    updatedAt: at,
    groups: [],
  },
  account: {
    id: ids.account,
    awsAccountId: '123456789012',
    name: 'Production',
    partition: 'aws',
    colour: '#f2b0a9',
    description: '',
    defaultRegion: 'ap-northeast-1',
    disabled: false,
    roleCount: 1,
    createdAt: at,
    updatedAt: at,
  },
  role: {
    id: ids.role,
    accountId: ids.account,
    roleName: 'ReadOnly',
    rolePath: '/',
    arn: 'arn:aws:iam::123456789012:role/ReadOnly',
    displayName: 'Read only',
    description: '',
    maxSessionSeconds: 3600,
    sessionPolicy: null,
    requiresStepUp: false,
    grantCount: 0,
    createdAt: at,
    updatedAt: at,
  },
};
