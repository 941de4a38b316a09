import type { Locale, SessionInfo, SessionState } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler } from './api';
import { i18n } from './i18n';

type Session = {
  info: SessionInfo | null;
  loading: boolean;
  locale: Locale;
  can: (permission: string) => boolean;
  setLocale: (locale: Locale) => Promise<void>;
  signedIn: (info: SessionInfo) => void;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);
const meKey = ['auth', 'me'];

export function applyLocale(locale: Locale) {
  localStorage.setItem('relate.locale', locale);
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: meKey,
    queryFn: () => api.get<SessionState>('/api/v1/auth/session').then((state) => state.session),
    staleTime: Infinity,
  });
  const info = me.data ?? null;

  useEffect(() => {
    setUnauthenticatedHandler(() => queryClient.setQueryData(meKey, null));
  }, [queryClient]);
  useEffect(() => {
    if (info) {
      setCsrfToken(info.csrfToken);
      applyLocale(info.user.locale);
    }
  }, [info]);

  const signedIn = useCallback(
    (next: SessionInfo) => {
      // Another user's cached lists must not leak into this session; the session query itself stays observed.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(meKey, next);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await api.post('/api/v1/auth/logout').catch(() => undefined);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    queryClient.setQueryData(meKey, null);
  }, [queryClient]);
  const setLocale = useCallback(
    async (locale: Locale) => {
      applyLocale(locale);
      if (info) {
        const next = await api.patch<SessionInfo>('/api/v1/auth/me', { locale });
        queryClient.setQueryData(meKey, next);
        // Server messages and exported labels follow the new language too.
        await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      }
    },
    [info, queryClient],
  );

  const value = useMemo<Session>(
    () => ({
      info,
      loading: me.isLoading,
      locale: (info?.user.locale ?? i18n.language) as Locale,
      can: (permission) => Boolean(info?.permissions.includes(permission)),
      setLocale,
      signedIn,
      signOut,
    }),
    [info, me.isLoading, setLocale, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
