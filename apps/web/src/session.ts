/** Who is signed in, and how far: drives every route guard. */
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionState, StageResponse } from '@gatehouse/contracts';
import { get, post } from './api';

export type Session = StageResponse | null;
export const SESSION_KEY = ['session'] as const;

export async function fetchSession(): Promise<Session> {
  const state = await get<SessionState>('/api/auth/session');
  return state.stage === 'signed_out' ? null : state;
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in user, once the session is known (the route guards have loaded it by then). */
export function useSignedInUser() {
  return useSession().data?.user;
}

/**
 * After a step that changed where we stand (set up, enrolled, verified): keep what the server
 * said and go on. It replaces the history entry: back must not return to a step that is done.
 */
export function useSessionStep(): (session: Session, to: string) => void {
  const client = useQueryClient();
  const navigate = useNavigate();
  return (session, to) => {
    setSession(client, session);
    void navigate(to, { replace: true });
  };
}

/**
 * Where to go after signing in. Only a path on this origin: `//evil.example` and `/\evil` are
 * protocol-relative to browsers, so they fall back to the dashboard like anything else odd.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** After a sign-in step the server said where we stand: the guards follow from this. */
export function setSession(client: QueryClient, session: Session): void {
  client.setQueryData<Session>(SESSION_KEY, () => session);
}

/** Ends the session on the server, then forgets everything cached for this user. */
export async function signOut(client: QueryClient): Promise<void> {
  try {
    await post('/api/auth/logout', {});
  } finally {
    client.clear();
    setSession(client, null);
  }
}
