import type { Locale, PortalBranding, PortalSession } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { applyLocale, useSession } from '../../app/session';
import { portalApi } from './portal-api';

type PortalContext = {
  session: PortalSession | null;
  branding: PortalBranding | null;
  loading: boolean;
  signedIn: (session: PortalSession) => void;
  signOut: () => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
};

const Context = createContext<PortalContext | null>(null);
const meKey = ['portal', 'me'];
/** Another customer's cached records must not leak into this session; the session and branding queries stay observed. */
const isCustomerData = (key: readonly unknown[]) => key[0] === 'portal' && key[1] !== 'me' && key[1] !== 'branding';

/** The signed-in customer (if any) and the company's branding, for every portal page. */
export function PortalSessionProvider() {
  const queryClient = useQueryClient();
  const staff = useSession();
  const me = useQuery({
    queryKey: meKey,
    queryFn: () => portalApi.get<PortalSession>('/api/portal/v1/me').catch(() => null),
    staleTime: Infinity,
  });
  const branding = useQuery({
    queryKey: ['portal', 'branding'],
    queryFn: () => portalApi.get<PortalBranding>('/api/portal/v1/branding'),
    staleTime: 5 * 60_000,
  });
  const session = me.data ?? null;

  useEffect(() => {
    portalApi.setUnauthenticatedHandler(() => queryClient.setQueryData(meKey, null));
  }, [queryClient]);
  useEffect(() => {
    if (session) {
      portalApi.setCsrfToken(session.csrfToken);
      applyLocale(session.locale);
    }
  }, [session]);
  useEffect(() => {
    if (branding.data) document.title = branding.data.companyName;
  }, [branding.data]);

  const signedIn = useCallback(
    (next: PortalSession) => {
      queryClient.removeQueries({ predicate: (q) => isCustomerData(q.queryKey) });
      queryClient.setQueryData(meKey, next);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await portalApi.post('/api/portal/v1/logout').catch(() => undefined);
    queryClient.removeQueries({ predicate: (q) => isCustomerData(q.queryKey) });
    queryClient.setQueryData(meKey, null);
  }, [queryClient]);
  const setLocale = useCallback(
    async (locale: Locale) => {
      await staff.setLocale(locale);
      if (session)
        queryClient.setQueryData(meKey, await portalApi.patch<PortalSession>('/api/portal/v1/me', { locale }));
    },
    [queryClient, session, staff],
  );

  const value = useMemo(
    () => ({ session, branding: branding.data ?? null, loading: me.isLoading, signedIn, signOut, setLocale }),
    [session, branding.data, me.isLoading, signedIn, signOut, setLocale],
  );
  return (
    <Context.Provider value={value}>
      <Outlet />
    </Context.Provider>
  );
}

export function usePortal(): PortalContext {
  const context = useContext(Context);
  if (!context) throw new Error('usePortal outside PortalSessionProvider');
  return context;
}

export function RequirePortalSession({ children }: { children: ReactNode }) {
  const { session, loading } = usePortal();
  const location = useLocation();
  if (loading) return <Spin style={{ display: 'block', margin: 96 }} />;
  if (!session) return <Navigate to="/portal/login" state={{ from: location.pathname }} replace />;
  return children;
}
