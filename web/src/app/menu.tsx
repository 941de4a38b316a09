import {
  AccountBookOutlined,
  AimOutlined,
  ApartmentOutlined,
  ApiOutlined,
  PhoneOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CarOutlined,
  CheckSquareOutlined,
  CrownOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DeleteOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FormOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  GiftOutlined,
  GlobalOutlined,
  HomeOutlined,
  InboxOutlined,
  LineChartOutlined,
  MessageOutlined,
  MobileOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  PayCircleOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  RiseOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  SmileOutlined,
  SolutionOutlined,
  StockOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  PieChartOutlined,
  UserOutlined,
  WarningOutlined,
  MailOutlined,
} from '@ant-design/icons';
import { reportSourcePermissions } from '@relate/common';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

export interface MenuEntry {
  /** The page's path, which is also the menu key. */
  path: string;
  icon: ReactNode;
  label: string;
}

export interface MenuSection {
  key: string;
  icon: ReactNode;
  label: string;
  entries: MenuEntry[];
}

type Draft = [path: string, icon: ReactNode, labelKey: string, allowed: boolean];

/** Every page of the menu, by section, with whether the user may open it. */
function useMenuTable(): Array<[key: string, icon: ReactNode, entries: Draft[]]> {
  const { can } = useSession();
  return [
    [
      'workbench',
      <DesktopOutlined key="icon" />,
      [
        ['/', <HomeOutlined key="icon" />, 'nav.homeEntry', true],
        ['/calendar', <CalendarOutlined key="icon" />, 'nav.calendar', can('tasks.view')],
        ['/tasks', <CheckSquareOutlined key="icon" />, 'nav.tasks', can('tasks.view')],
        ['/approvals', <AuditOutlined key="icon" />, 'nav.approvals', true],
        ['/daily-reports', <FileTextOutlined key="icon" />, 'nav.dailyReports', can('dailyReports.view')],
        ['/notifications', <BellOutlined key="icon" />, 'notifications.title', true],
      ],
    ],
    [
      'customers',
      <TeamOutlined key="icon" />,
      [
        ['/customers', <TeamOutlined key="icon" />, 'nav.customers', can('customers.view')],
        ['/contacts', <ContactsOutlined key="icon" />, 'nav.contacts', can('contacts.view')],
        ['/pool', <GlobalOutlined key="icon" />, 'nav.pool', can('pool.view')],
        ['/followups', <MessageOutlined key="icon" />, 'nav.followups', can('followups.view')],
        ['/anniversaries', <GiftOutlined key="icon" />, 'nav.anniversaries', can('contacts.view')],
        // Deleted customers and contacts, restored by those who may delete them.
        [
          '/recycle-bin',
          <DeleteOutlined key="icon" />,
          'nav.recycleBin',
          can('customers.delete') || can('contacts.delete'),
        ],
      ],
    ],
    [
      'sales',
      <RiseOutlined key="icon" />,
      [
        ['/leads', <FunnelPlotOutlined key="icon" />, 'nav.leads', can('leads.view')],
        ['/opportunities', <FundOutlined key="icon" />, 'nav.opportunities', can('opportunities.view')],
        ['/quotes', <FileDoneOutlined key="icon" />, 'nav.quotes', can('quotes.view')],
        ['/products', <AppstoreOutlined key="icon" />, 'nav.products', can('products.view')],
        ['/price-books', <TagsOutlined key="icon" />, 'nav.priceBooks', can('products.view')],
        [
          '/commission/statements',
          <CalculatorOutlined key="icon" />,
          'nav.commissionStatements',
          can('commission.view'),
        ],
      ],
    ],
    [
      'money',
      <MoneyCollectOutlined key="icon" />,
      [
        ['/orders', <ShoppingCartOutlined key="icon" />, 'nav.orders', can('orders.view')],
        ['/contracts', <SolutionOutlined key="icon" />, 'nav.contracts', can('contracts.view')],
        ['/receipts', <PayCircleOutlined key="icon" />, 'nav.receipts', can('receipts.view')],
        ['/invoice-requests', <FileTextOutlined key="icon" />, 'nav.invoiceRequests', can('invoices.view')],
        ['/receivables', <AccountBookOutlined key="icon" />, 'nav.receivables', can('orders.view')],
        ['/finance/reconciliation', <ReconciliationOutlined key="icon" />, 'nav.reconciliation', can('receipts.view')],
        ['/inventory', <InboxOutlined key="icon" />, 'nav.inventory', can('inventory.view')],
      ],
    ],
    [
      'service',
      <CustomerServiceOutlined key="icon" />,
      [
        ['/tickets', <CustomerServiceOutlined key="icon" />, 'nav.tickets', can('tickets.view')],
        ['/work-orders', <ScheduleOutlined key="icon" />, 'nav.workOrders', can('workOrders.view')],
        ['/my-work-orders', <CarOutlined key="icon" />, 'nav.myWorkOrders', can('workOrders.work')],
        ['/assets', <ToolOutlined key="icon" />, 'nav.assets', can('assets.view')],
        ['/strategies', <AimOutlined key="icon" />, 'nav.strategies', can('strategies.view')],
        ['/kb', <ReadOutlined key="icon" />, 'nav.knowledge', can('knowledge.view')],
        ['/surveys', <FormOutlined key="icon" />, 'nav.surveys', can('surveys.view')],
        // Outbound call lists: built and followed by managers, worked by the agents they are given to.
        ['/call-lists', <UnorderedListOutlined key="icon" />, 'nav.callLists', can('callLists.view')],
        ['/my-calls', <PhoneOutlined key="icon" />, 'nav.myCalls', can('calls.view')],
        ['/call-center', <LineChartOutlined key="icon" />, 'nav.callCenter', can('callLists.view')],
      ],
    ],
    [
      'marketing',
      <NotificationOutlined key="icon" />,
      [
        ['/campaigns', <NotificationOutlined key="icon" />, 'campaigns.title', can('campaigns.view')],
        ['/segments', <TeamOutlined key="icon" />, 'segments.title', can('segments.view')],
        ['/web-forms', <FormOutlined key="icon" />, 'webForms.title', can('webForms.view')],
        ['/assignment-rules', <ApartmentOutlined key="icon" />, 'assignmentRules.title', can('assignmentRules.manage')],
        ['/scoring', <RiseOutlined key="icon" />, 'scoring.title', can('scoring.manage')],
        ['/membership', <CrownOutlined key="icon" />, 'membership.title', can('membership.view')],
        ['/email-templates', <MailOutlined key="icon" />, 'emailTemplates.title', can('emailTemplates.view')],
      ],
    ],
    [
      'insight',
      <BarChartOutlined key="icon" />,
      [
        ['/performance', <TrophyOutlined key="icon" />, 'nav.performance', can('performance.view')],
        [
          '/reports',
          <PieChartOutlined key="icon" />,
          'nav.reports',
          Object.values(reportSourcePermissions).some((permission) => can(permission)),
        ],
        [
          '/reports/saved',
          <FolderOpenOutlined key="icon" />,
          'nav.savedReports',
          Object.values(reportSourcePermissions).some((permission) => can(permission)),
        ],
        [
          '/dashboards',
          <DashboardOutlined key="icon" />,
          'nav.dashboards',
          Object.values(reportSourcePermissions).some((permission) => can(permission)),
        ],
        ['/analyses/customer-value', <CrownOutlined key="icon" />, 'nav.customerValue', can('customers.view')],
        ['/analyses/churn-risk', <WarningOutlined key="icon" />, 'nav.churnRisk', can('customers.view')],
        ['/analyses/forecast-accuracy', <AimOutlined key="icon" />, 'nav.forecastAccuracy', can('opportunities.view')],
        ['/analyses/demand-forecast', <StockOutlined key="icon" />, 'nav.demandForecast', can('orders.view')],
        ['/analyses/profitability', <FundOutlined key="icon" />, 'nav.profitability', can('orders.view')],
        ['/satisfaction', <SmileOutlined key="icon" />, 'nav.satisfaction', can('tickets.view')],
      ],
    ],
    [
      'admin',
      <SettingOutlined key="icon" />,
      [
        ['/admin/departments', <ApartmentOutlined key="icon" />, 'nav.departments', can('org.manage')],
        ['/admin/users', <UserOutlined key="icon" />, 'nav.users', can('org.manage')],
        ['/admin/roles', <SafetyOutlined key="icon" />, 'nav.roles', can('roles.view')],
        ['/admin/dictionaries', <BookOutlined key="icon" />, 'nav.dictionaries', can('dictionaries.manage')],
        ['/admin/custom-fields', <BookOutlined key="icon" />, 'nav.customFields', can('customFields.manage')],
        ['/admin/settings', <SettingOutlined key="icon" />, 'nav.settings', can('settings.manage')],
        ['/admin/webhooks', <ApiOutlined key="icon" />, 'nav.webhooks', can('settings.manage')],
        ['/admin/sms', <MobileOutlined key="icon" />, 'nav.sms', can('settings.manage')],
        ['/admin/telephony', <PhoneOutlined key="icon" />, 'nav.telephony', can('calls.manage')],
        ['/admin/service', <CustomerServiceOutlined key="icon" />, 'nav.serviceDesk', can('service.manage')],
        ['/admin/approval-flows', <AuditOutlined key="icon" />, 'nav.approvalFlows', can('approvals.manage')],
        ['/admin/commission-plans', <CalculatorOutlined key="icon" />, 'nav.commissionPlans', can('commission.manage')],
        ['/admin/audit', <AuditOutlined key="icon" />, 'nav.audit', can('audit.view')],
      ],
    ],
  ];
}

/** Whether the page at `pathname` is the entry's own or one under it ("/customers/12" is under "/customers"). */
const isUnder = (path: string, pathname: string) =>
  path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);

/**
 * The staff app's menu: its pages grouped into sections (工作台 · 客户 · 销售 · 资金 · 服务 · 营销 · 分析 · 设置), each
 * entry only for a user who may open it and each section only when it has an entry; and whether the user's
 * roles open the page at an address (pages outside the menu are left to the page itself).
 */
export function useMenu(): { sections: MenuSection[]; allowed: (pathname: string) => boolean } {
  const { t } = useTranslation();
  const table = useMenuTable();
  const sections = table
    .map(([key, icon, entries]) => ({
      key,
      icon,
      label: t(`nav.sections.${key}`),
      entries: entries
        .filter(([, , , allowed]) => allowed)
        .map(([path, icon, label]) => ({ path, icon, label: t(label) })),
    }))
    .filter((section) => section.entries.length > 0);
  const denied = table
    .flatMap(([, , entries]) => entries)
    .filter(([path, , , allowed]) => !allowed && path !== '/')
    .map(([path]) => path);
  return { sections, allowed: (pathname) => !denied.some((path) => isUnder(path, pathname)) };
}

/** The menu entry a path belongs to: the longest entry path that starts it ("/customers/12" → "/customers"). */
export function entryOf(sections: MenuSection[], pathname: string): { section: MenuSection; entry: MenuEntry } | null {
  let found: { section: MenuSection; entry: MenuEntry } | null = null;
  for (const section of sections)
    for (const entry of section.entries)
      if (isUnder(entry.path, pathname) && (!found || entry.path.length > found.entry.path.length))
        found = { section, entry };
  return found;
}
