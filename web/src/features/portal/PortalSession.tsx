import type { Locale, PortalBranding, PortalSession } from '@relate/common';
import { Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { applyLocale, useSession } from '../../app/session';
import { PageTitleSuffix } from '../../components/usePageTitle';
import {
  usePortalBranding,
  usePortalClientSession,
  usePortalMe,
  usePortalSignOut,
  useUpdatePortalProfile,
} from './queries';

type PortalContext = {
  session: PortalSession | null;
  branding: PortalBranding | null;
  loading: boolean;
  signOut: () => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
};

const Context = createContext<PortalContext | null>(null);

/** The signed-in customer (if any) and the company's branding, for every portal page. */
export function PortalSessionProvider() {
  const staff = useSession();
  const me = usePortalMe();
  const branding = usePortalBranding();
  const session = me.data ?? null;
  usePortalClientSession(session);
  const { mutateAsync: logout } = usePortalSignOut();
  const { mutateAsync: updateProfile } = useUpdatePortalProfile();

  useEffect(() => {
    if (session) applyLocale(session.locale);
  }, [session]);

  const signOut = useCallback(() => logout(), [logout]);
  const setLocale = useCallback(
    async (locale: Locale) => {
      await staff.setLocale(locale);
      if (session) await updateProfile({ locale });
    },
    [session, staff, updateProfile],
  );

  const value = useMemo(
    () => ({ session, branding: branding.data ?? null, loading: me.isLoading, signOut, setLocale }),
    [session, branding.data, me.isLoading, signOut, setLocale],
  );
  // Every portal page's tab title ends with the company's name (usePageTitle), not the staff app's.
  const titleSuffix = useMemo(() => ({ suffix: branding.data?.companyName }), [branding.data?.companyName]);
  return (
    <Context.Provider value={value}>
      <PageTitleSuffix.Provider value={titleSuffix}>
        <Outlet />
      </PageTitleSuffix.Provider>
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
