import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { PortalSessionProvider, RequirePortalSession } from '../features/portal/PortalSession';
import { AppLayout } from './Layout';
import { SessionProvider, useSession } from './session';

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
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(() => import('../features/home/HomePage'), 'HomePage') },
      { path: 'customers', element: page(() => import('../features/customers/CustomerListPage'), 'CustomerListPage') },
      {
        path: 'customers/:id',
        element: page(() => import('../features/customers/CustomerDetailPage'), 'CustomerDetailPage'),
      },
      { path: 'leads', element: page(() => import('../features/leads/LeadListPage'), 'LeadListPage') },
      { path: 'leads/:id', element: page(() => import('../features/leads/LeadDetailPage'), 'LeadDetailPage') },
      {
        path: 'opportunities',
        element: page(() => import('../features/opportunities/OpportunityBoardPage'), 'OpportunityBoardPage'),
      },
      {
        path: 'opportunities/:id',
        element: page(() => import('../features/opportunities/OpportunityDetailPage'), 'OpportunityDetailPage'),
      },
      { path: 'tasks', element: page(() => import('../features/tasks/TaskListPage'), 'TaskListPage') },
      { path: 'calendar', element: page(() => import('../features/tasks/CalendarPage'), 'CalendarPage') },
      {
        path: 'performance',
        element: page(() => import('../features/performance/PerformancePage'), 'PerformancePage'),
      },
      { path: 'approvals', element: page(() => import('../features/approvals/ApprovalsPage'), 'ApprovalsPage') },
      {
        path: 'admin/approval-flows',
        element: page(() => import('../features/approvals/ApprovalFlowsPage'), 'ApprovalFlowsPage'),
      },
      { path: 'contracts', element: page(() => import('../features/contracts/ContractsPage'), 'ContractsPage') },
      {
        path: 'finance/reconciliation',
        element: page(() => import('../features/payments/ReconciliationPage'), 'ReconciliationPage'),
      },
      { path: 'receivables', element: page(() => import('../features/payments/ReceivablesPage'), 'ReceivablesPage') },
      { path: 'orders', element: page(() => import('../features/orders/OrderListPage'), 'OrderListPage') },
      { path: 'orders/new', element: page(() => import('../features/orders/OrderEditorPage'), 'OrderEditorPage') },
      { path: 'orders/:id', element: page(() => import('../features/orders/OrderDetailPage'), 'OrderDetailPage') },
      { path: 'orders/:id/edit', element: page(() => import('../features/orders/OrderEditorPage'), 'OrderEditorPage') },
      { path: 'quotes', element: page(() => import('../features/quotes/QuoteListPage'), 'QuoteListPage') },
      { path: 'quotes/new', element: page(() => import('../features/quotes/QuoteEditorPage'), 'QuoteEditorPage') },
      { path: 'quotes/:id', element: page(() => import('../features/quotes/QuoteDetailPage'), 'QuoteDetailPage') },
      { path: 'quotes/:id/edit', element: page(() => import('../features/quotes/QuoteEditorPage'), 'QuoteEditorPage') },
      {
        path: 'my-work-orders',
        element: page(() => import('../features/work-orders/MyWorkOrdersPage'), 'MyWorkOrdersPage'),
      },
      { path: 'strategies', element: page(() => import('../features/strategies/StrategiesPage'), 'StrategiesPage') },
      { path: 'assets', element: page(() => import('../features/assets/AssetsPage'), 'AssetsPage') },
      { path: 'kb', element: page(() => import('../features/knowledge/ArticleListPage'), 'ArticleListPage') },
      { path: 'kb/new', element: page(() => import('../features/knowledge/ArticleEditorPage'), 'ArticleEditorPage') },
      { path: 'kb/:id', element: page(() => import('../features/knowledge/ArticlePage'), 'ArticlePage') },
      {
        path: 'kb/:id/edit',
        element: page(() => import('../features/knowledge/ArticleEditorPage'), 'ArticleEditorPage'),
      },
      { path: 'surveys', element: page(() => import('../features/surveys/SurveysPage'), 'SurveysPage') },
      { path: 'satisfaction', element: page(() => import('../features/tickets/SatisfactionPage'), 'SatisfactionPage') },
      { path: 'tickets', element: page(() => import('../features/tickets/TicketListPage'), 'TicketListPage') },
      { path: 'tickets/:id', element: page(() => import('../features/tickets/TicketDetailPage'), 'TicketDetailPage') },
      { path: 'admin/service', element: page(() => import('../features/tickets/ServiceDeskPage'), 'ServiceDeskPage') },
      { path: 'inventory', element: page(() => import('../features/inventory/InventoryPage'), 'InventoryPage') },
      { path: 'products', element: page(() => import('../features/products/ProductsPage'), 'ProductsPage') },
      { path: 'price-books', element: page(() => import('../features/products/PriceBooksPage'), 'PriceBooksPage') },
      {
        path: 'daily-reports',
        element: page(() => import('../features/daily-reports/DailyReportsPage'), 'DailyReportsPage'),
      },
      { path: 'pool', element: page(() => import('../features/pool/PoolPage'), 'PoolPage') },
      { path: 'followups', element: page(() => import('../features/followups/FollowupListPage'), 'FollowupListPage') },
      { path: 'contacts', element: page(() => import('../features/contacts/ContactListPage'), 'ContactListPage') },
      {
        path: 'anniversaries',
        element: page(() => import('../features/contacts/AnniversariesPage'), 'AnniversariesPage'),
      },
      {
        path: 'imports/:entity',
        element: page(() => import('../features/imports/ImportWizardPage'), 'ImportWizardPage'),
      },
      {
        path: 'admin/departments',
        element: page(() => import('../features/admin/DepartmentsPage'), 'DepartmentsPage'),
      },
      { path: 'admin/users', element: page(() => import('../features/admin/UsersPage'), 'UsersPage') },
      { path: 'admin/roles', element: page(() => import('../features/admin/RolesPage'), 'RolesPage') },
      {
        path: 'admin/dictionaries',
        element: page(() => import('../features/admin/DictionariesPage'), 'DictionariesPage'),
      },
      {
        path: 'admin/custom-fields',
        element: page(() => import('../features/admin/CustomFieldsPage'), 'CustomFieldsPage'),
      },
      { path: 'admin/settings', element: page(() => import('../features/admin/SettingsPage'), 'SettingsPage') },
      { path: 'admin/audit', element: page(() => import('../features/admin/AuditLogPage'), 'AuditLogPage') },
      { path: 'recycle-bin', element: page(() => import('../features/admin/RecycleBinPage'), 'RecycleBinPage') },
      {
        path: 'notifications',
        element: page(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage'),
      },
      { path: 'profile', element: page(() => import('../features/auth/ProfilePage'), 'ProfilePage') },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

function LocalizedApp() {
  const { locale } = useSession();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
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
