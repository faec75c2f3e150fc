import { answer, client } from './api/client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { clearTokens, hasRefreshToken, login as apiLogin, logout as apiLogout, setSignedOutHandler } from './api';
import type { Plan, SessionUser } from './api/types';

export interface Session {
  user: SessionUser | null;
  plan: Plan | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<SessionUser>;
  signOut: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
  /** Who was signed in before the session ended in this tab: only they are taken back to where they were. */
  lastUsername: string | null;
}

const SessionContext = createContext<Session | null>(null);

async function firstPublishedPlan(): Promise<Plan | null> {
  const page = await answer(client.GET('/api/plans', { params: { query: { pageSize: 50 } } }));
  return page.items.find((p) => p.status === 'published') ?? page.items[0] ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loading, setLoading] = useState(hasRefreshToken());
  const [lastUsername, setLastUsername] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    setSignedOutHandler(() => {
      clearTokens();
      queryClient.clear();
      setUser((previous) => {
        if (previous) setLastUsername(previous.username);
        return null;
      });
      setPlan(null);
    });
    if (!hasRefreshToken()) return;
    let cancelled = false;
    (async () => {
      try {
        const me = await answer(client.GET('/api/auth/me'));
        const p = await firstPublishedPlan().catch(() => null);
        if (!cancelled) {
          setUser(me);
          setPlan(p);
        }
      } catch {
        clearTokens();
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [queryClient]);

  // What one user read is never shown to the next one signing in on this browser.
  const signIn = useCallback(
    async (username: string, password: string) => {
      const u = await apiLogin(username, password);
      const me = await answer(client.GET('/api/auth/me')).catch(() => u);
      const p = await firstPublishedPlan().catch(() => null);
      queryClient.clear();
      setUser(me);
      setPlan(p);
      return me;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await apiLogout();
    queryClient.clear();
    // Signing out on purpose ends the visit: the next sign-in starts at its own home page.
    setLastUsername(null);
    setUser(null);
    setPlan(null);
  }, [queryClient]);

  const value = useMemo<Session>(
    () => ({
      user,
      plan,
      loading,
      signIn,
      signOut,
      hasRole: (...roles) => !!user && user.roles.some((r: string) => roles.includes(r)),
      lastUsername,
    }),
    [user, plan, loading, signIn, signOut, lastUsername],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}

/** The unit a city's user belongs to; a platform administrator has none. */
export function unitIdOf(user: SessionUser | null): string | undefined {
  return user?.scope === 'city' ? user.unitId : undefined;
}

/** The landing page of a role. */
export function homeOf(user: SessionUser | null): string {
  if (!user) return '/login';
  const roles: readonly string[] = user.roles;
  if (roles.includes('leader')) return '/dashboard';
  if (roles.includes('office') || roles.includes('admin')) return '/review';
  return '/todo';
}
