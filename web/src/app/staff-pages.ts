import { matchPath } from 'react-router';

type PageModule = Record<string, React.ComponentType>;

export interface StaffPage {
  /** Under the staff app's root; the home page is the index. */
  path?: string;
  index?: true;
  /** The component's export name in its module. */
  name: string;
  load: () => Promise<PageModule>;
}

/**
 * The staff app's pages, each loaded when first needed. The router loads a page's code together with the
 * layout's (not one after the other), and the menu fetches a page's code before it is clicked.
 */
export const staffPages: StaffPage[] = [
  { index: true, name: 'HomePage', load: () => import('../features/home/HomePage') },
  { path: 'customers', name: 'CustomerListPage', load: () => import('../features/customers/CustomerListPage') },
  { path: 'customers/:id', name: 'CustomerDetailPage', load: () => import('../features/customers/CustomerDetailPage') },
  { path: 'leads', name: 'LeadListPage', load: () => import('../features/leads/LeadListPage') },
  { path: 'leads/:id', name: 'LeadDetailPage', load: () => import('../features/leads/LeadDetailPage') },
  {
    path: 'opportunities',
    name: 'OpportunityBoardPage',
    load: () => import('../features/opportunities/OpportunityBoardPage'),
  },
  {
    path: 'opportunities/:id',
    name: 'OpportunityDetailPage',
    load: () => import('../features/opportunities/OpportunityDetailPage'),
  },
  { path: 'tasks', name: 'TaskListPage', load: () => import('../features/tasks/TaskListPage') },
  { path: 'calendar', name: 'CalendarPage', load: () => import('../features/tasks/CalendarPage') },
  { path: 'performance', name: 'PerformancePage', load: () => import('../features/performance/PerformancePage') },
  { path: 'reports', name: 'ReportBuilderPage', load: () => import('../features/reports/ReportBuilderPage') },
  { path: 'reports/saved', name: 'SavedReportsPage', load: () => import('../features/reports/SavedReportsPage') },
  { path: 'dashboards', name: 'DashboardPage', load: () => import('../features/dashboards/DashboardPage') },
  { path: 'dashboards/:id', name: 'DashboardPage', load: () => import('../features/dashboards/DashboardPage') },
  {
    path: 'analyses/customer-value',
    name: 'CustomerValuePage',
    load: () => import('../features/analyses/CustomerValuePage'),
  },
  { path: 'analyses/churn-risk', name: 'ChurnRiskPage', load: () => import('../features/analyses/ChurnRiskPage') },
  {
    path: 'analyses/forecast-accuracy',
    name: 'ForecastAccuracyPage',
    load: () => import('../features/analyses/ForecastAccuracyPage'),
  },
  {
    path: 'analyses/demand-forecast',
    name: 'DemandForecastPage',
    load: () => import('../features/analyses/DemandForecastPage'),
  },
  {
    path: 'analyses/profitability',
    name: 'ProfitabilityPage',
    load: () => import('../features/analyses/ProfitabilityPage'),
  },
  { path: 'approvals', name: 'ApprovalsPage', load: () => import('../features/approvals/ApprovalsPage') },
  { path: 'campaigns', name: 'CampaignListPage', load: () => import('../features/campaigns/CampaignListPage') },
  {
    path: 'campaigns/:id',
    name: 'CampaignDetailPage',
    load: () => import('../features/campaigns/CampaignDetailPage'),
  },
  { path: 'segments', name: 'SegmentListPage', load: () => import('../features/segments/SegmentListPage') },
  { path: 'segments/:id', name: 'SegmentEditPage', load: () => import('../features/segments/SegmentEditPage') },
  { path: 'web-forms', name: 'WebFormListPage', load: () => import('../features/web-forms/WebFormListPage') },
  {
    path: 'web-forms/:id',
    name: 'WebFormBuilderPage',
    load: () => import('../features/web-forms/WebFormBuilderPage'),
  },
  { path: 'scoring', name: 'ScoringRulesPage', load: () => import('../features/scoring/ScoringRulesPage') },
  { path: 'membership', name: 'MembershipPage', load: () => import('../features/membership/MembershipPage') },
  {
    path: 'assignment-rules',
    name: 'AssignmentRulesPage',
    load: () => import('../features/web-forms/AssignmentRulesPage'),
  },
  {
    path: 'email-templates',
    name: 'EmailTemplateListPage',
    load: () => import('../features/email-templates/EmailTemplateListPage'),
  },
  {
    path: 'email-templates/:id',
    name: 'EmailTemplateEditPage',
    load: () => import('../features/email-templates/EmailTemplateEditPage'),
  },
  {
    path: 'commission/statements',
    name: 'StatementsPage',
    load: () => import('../features/commission/StatementsPage'),
  },
  {
    path: 'commission/statements/:id',
    name: 'StatementDetailPage',
    load: () => import('../features/commission/StatementDetailPage'),
  },
  {
    path: 'admin/commission-plans',
    name: 'CommissionPlansPage',
    load: () => import('../features/commission/CommissionPlansPage'),
  },
  {
    path: 'admin/approval-flows',
    name: 'ApprovalFlowsPage',
    load: () => import('../features/approvals/ApprovalFlowsPage'),
  },
  { path: 'contracts', name: 'ContractsPage', load: () => import('../features/contracts/ContractsPage') },
  {
    path: 'finance/reconciliation',
    name: 'ReconciliationPage',
    load: () => import('../features/payments/ReconciliationPage'),
  },
  { path: 'receivables', name: 'ReceivablesPage', load: () => import('../features/payments/ReceivablesPage') },
  { path: 'orders', name: 'OrderListPage', load: () => import('../features/orders/OrderListPage') },
  { path: 'orders/new', name: 'OrderEditorPage', load: () => import('../features/orders/OrderEditorPage') },
  { path: 'orders/:id', name: 'OrderDetailPage', load: () => import('../features/orders/OrderDetailPage') },
  { path: 'orders/:id/edit', name: 'OrderEditorPage', load: () => import('../features/orders/OrderEditorPage') },
  { path: 'quotes', name: 'QuoteListPage', load: () => import('../features/quotes/QuoteListPage') },
  { path: 'quotes/new', name: 'QuoteEditorPage', load: () => import('../features/quotes/QuoteEditorPage') },
  { path: 'quotes/:id', name: 'QuoteDetailPage', load: () => import('../features/quotes/QuoteDetailPage') },
  { path: 'quotes/:id/edit', name: 'QuoteEditorPage', load: () => import('../features/quotes/QuoteEditorPage') },
  { path: 'work-orders', name: 'WorkOrderListPage', load: () => import('../features/work-orders/WorkOrderListPage') },
  { path: 'receipts', name: 'ReceiptListPage', load: () => import('../features/payments/ReceiptListPage') },
  {
    path: 'invoice-requests',
    name: 'InvoiceRequestsPage',
    load: () => import('../features/invoicing/InvoiceRequestsPage'),
  },
  { path: 'my-work-orders', name: 'MyWorkOrdersPage', load: () => import('../features/work-orders/MyWorkOrdersPage') },
  { path: 'strategies', name: 'StrategiesPage', load: () => import('../features/strategies/StrategiesPage') },
  { path: 'assets', name: 'AssetsPage', load: () => import('../features/assets/AssetsPage') },
  { path: 'kb', name: 'ArticleListPage', load: () => import('../features/knowledge/ArticleListPage') },
  { path: 'kb/new', name: 'ArticleEditorPage', load: () => import('../features/knowledge/ArticleEditorPage') },
  { path: 'kb/:id', name: 'ArticlePage', load: () => import('../features/knowledge/ArticlePage') },
  { path: 'kb/:id/edit', name: 'ArticleEditorPage', load: () => import('../features/knowledge/ArticleEditorPage') },
  { path: 'surveys', name: 'SurveysPage', load: () => import('../features/surveys/SurveysPage') },
  { path: 'satisfaction', name: 'SatisfactionPage', load: () => import('../features/tickets/SatisfactionPage') },
  { path: 'call-lists', name: 'CallListsPage', load: () => import('../features/call-lists/CallListsPage') },
  {
    path: 'call-lists/new',
    name: 'CallListBuilderPage',
    load: () => import('../features/call-lists/CallListBuilderPage'),
  },
  {
    path: 'call-lists/:id',
    name: 'CallListDetailPage',
    load: () => import('../features/call-lists/CallListDetailPage'),
  },
  { path: 'my-calls', name: 'DialerPage', load: () => import('../features/call-lists/DialerPage') },
  {
    path: 'call-center',
    name: 'CallCenterReportPage',
    load: () => import('../features/call-lists/CallCenterReportPage'),
  },
  { path: 'tickets', name: 'TicketListPage', load: () => import('../features/tickets/TicketListPage') },
  { path: 'tickets/:id', name: 'TicketDetailPage', load: () => import('../features/tickets/TicketDetailPage') },
  { path: 'admin/service', name: 'ServiceDeskPage', load: () => import('../features/tickets/ServiceDeskPage') },
  { path: 'inventory', name: 'InventoryPage', load: () => import('../features/inventory/InventoryPage') },
  { path: 'products', name: 'ProductsPage', load: () => import('../features/products/ProductsPage') },
  { path: 'price-books', name: 'PriceBooksPage', load: () => import('../features/products/PriceBooksPage') },
  { path: 'daily-reports', name: 'DailyReportsPage', load: () => import('../features/daily-reports/DailyReportsPage') },
  { path: 'pool', name: 'PoolPage', load: () => import('../features/pool/PoolPage') },
  { path: 'followups', name: 'FollowupListPage', load: () => import('../features/followups/FollowupListPage') },
  { path: 'contacts', name: 'ContactListPage', load: () => import('../features/contacts/ContactListPage') },
  { path: 'anniversaries', name: 'AnniversariesPage', load: () => import('../features/contacts/AnniversariesPage') },
  { path: 'imports/:entity', name: 'ImportWizardPage', load: () => import('../features/imports/ImportWizardPage') },
  { path: 'admin/departments', name: 'DepartmentsPage', load: () => import('../features/admin/DepartmentsPage') },
  { path: 'admin/users', name: 'UsersPage', load: () => import('../features/admin/UsersPage') },
  { path: 'admin/roles', name: 'RolesPage', load: () => import('../features/admin/RolesPage') },
  { path: 'admin/dictionaries', name: 'DictionariesPage', load: () => import('../features/admin/DictionariesPage') },
  { path: 'admin/custom-fields', name: 'CustomFieldsPage', load: () => import('../features/admin/CustomFieldsPage') },
  { path: 'admin/settings', name: 'SettingsPage', load: () => import('../features/admin/SettingsPage') },
  { path: 'admin/webhooks', name: 'WebhooksPage', load: () => import('../features/webhooks/WebhooksPage') },
  { path: 'admin/sms', name: 'SmsAdminPage', load: () => import('../features/sms/SmsAdminPage') },
  { path: 'admin/telephony', name: 'TelephonyPage', load: () => import('../features/calls/TelephonyPage') },
  { path: 'admin/audit', name: 'AuditLogPage', load: () => import('../features/admin/AuditLogPage') },
  { path: 'recycle-bin', name: 'RecycleBinPage', load: () => import('../features/admin/RecycleBinPage') },
  {
    path: 'notifications',
    name: 'NotificationsPage',
    load: () => import('../features/notifications/NotificationsPage'),
  },
  { path: 'mailboxes', name: 'MailboxesPage', load: () => import('../features/mailboxes/MailboxesPage') },
  { path: 'profile', name: 'ProfilePage', load: () => import('../features/auth/ProfilePage') },
];

/** Starts loading the code of the page at this address (nothing when it is loaded already or unknown). */
export function prefetchPage(pathname: string): void {
  const page = staffPages.find((candidate) =>
    candidate.index ? pathname === '/' : matchPath(`/${candidate.path}`, pathname),
  );
  void page?.load().catch(() => undefined);
}
