import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { PortalSessionProvider, RequirePortalSession } from '../features/portal/PortalSession';
import { NotFoundPage } from './PageProblem';
import { SessionProvider, useSession } from './session';
import { staffPages } from './staff-pages';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => count < 1 && !('status' in error), refetchOnWindowFocus: false },
  },
});

const page = (load: () => Promise<Record<string, React.ComponentType>>, name: string) => {
  const Component = lazy(async () => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Component />
    </Suspense>
  );
};

function RequireSession({ children }: { children: ReactNode }) {
  const { info, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin style={{ display: 'block', margin: 96 }} />;
  if (!info) return <Navigate to="/login" state={{ from: location.pathname }} replace />;
  return children;
}

/** A portal page for signed-in customers only. */
const portalPage = (load: () => Promise<Record<string, React.ComponentType>>, name: string) => (
  <RequirePortalSession>{page(load, name)}</RequirePortalSession>
);

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public pages: no sign-in.
  { path: '/forms/ticket', element: page(() => import('../features/public/TicketFormPage'), 'TicketFormPage') },
  { path: '/surveys/:token', element: page(() => import('../features/public/SurveyAnswerPage'), 'SurveyAnswerPage') },
  { path: '/f/:slug', element: page(() => import('../features/web-forms/HostedFormPage'), 'HostedFormPage') },
  { path: '/unsubscribe/:token', element: page(() => import('../features/public/UnsubscribePage'), 'UnsubscribePage') },
  // The customer portal: its own sign-in and session.
  {
    path: '/portal',
    element: <PortalSessionProvider />,
    children: [
      { path: 'login', element: page(() => import('../features/portal/PortalLoginPage'), 'PortalLoginPage') },
      { path: 'accept', element: page(() => import('../features/portal/PortalAcceptPage'), 'PortalAcceptPage') },
      { path: 'forgot', element: page(() => import('../features/portal/PortalForgotPage'), 'PortalForgotPage') },
      {
        element: page(() => import('../features/portal/PortalLayout'), 'PortalLayout'),
        children: [
          { path: 'kb', element: page(() => import('../features/portal/PortalKbPage'), 'PortalKbPage') },
          { path: 'kb/:id', element: page(() => import('../features/portal/PortalArticlePage'), 'PortalArticlePage') },
          {
            index: true,
            element: portalPage(() => import('../features/portal/PortalTicketsPage'), 'PortalTicketsPage'),
          },
          {
            path: 'tickets/new',
            element: portalPage(() => import('../features/portal/PortalNewTicketPage'), 'PortalNewTicketPage'),
          },
          {
            path: 'tickets/:id',
            element: portalPage(() => import('../features/portal/PortalTicketPage'), 'PortalTicketPage'),
          },
          {
            path: 'orders',
            element: portalPage(() => import('../features/portal/PortalOrdersPage'), 'PortalOrdersPage'),
          },
          {
            path: 'billing',
            element: portalPage(() => import('../features/portal/PortalBillingPage'), 'PortalBillingPage'),
          },
          {
            path: 'profile',
            element: portalPage(() => import('../features/portal/PortalProfilePage'), 'PortalProfilePage'),
          },
          { path: '*', element: <Navigate to="/portal" replace /> },
        ],
      },
    ],
  },
  {
    path: '/',
    // Shown while the first page's code loads.
    HydrateFallback: () => <Spin style={{ display: 'block', margin: 96 }} />,
    element: (
      <RequireSession>
        <Outlet />
      </RequireSession>
    ),
    children: [
      {
        lazy: async () => ({ Component: (await import('./Layout')).AppLayout }),
        children: [
          ...staffPages.map(({ path, index, name, load }) => ({
            ...(index ? { index } : { path }),
            lazy: async () => ({ Component: (await load())[name] }),
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/** Whoever asked their system for less motion gets screens that change without animations. */
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function LocalizedApp() {
  const { locale } = useSession();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6, motion: !reducedMotion } }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <LocalizedApp />
      </SessionProvider>
    </QueryClientProvider>
  );
}
