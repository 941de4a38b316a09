import {
  AccountBookOutlined,
  AimOutlined,
  CarOutlined,
  ToolOutlined,
  ReadOutlined,
  SmileOutlined,
  FormOutlined,
  CustomerServiceOutlined,
  InboxOutlined,
  ReconciliationOutlined,
  SolutionOutlined,
  AppstoreOutlined,
  ShoppingCartOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  TagsOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DeleteOutlined,
  GiftOutlined,
  HomeOutlined,
  GlobalOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  LogoutOutlined,
  MessageOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Layout as AntLayout, Button, Dropdown, Grid, Menu, Segmented, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { useSession } from './session';

export function AppLayout() {
  const { t } = useTranslation();
  const { info, can, locale, setLocale, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const admin: MenuProps['items'] = [
    can('org.manage') && { key: '/admin/departments', icon: <ApartmentOutlined />, label: t('nav.departments') },
    can('org.manage') && { key: '/admin/users', icon: <UserOutlined />, label: t('nav.users') },
    can('roles.view') && { key: '/admin/roles', icon: <SafetyOutlined />, label: t('nav.roles') },
    can('dictionaries.manage') && { key: '/admin/dictionaries', icon: <BookOutlined />, label: t('nav.dictionaries') },
    can('customFields.manage') && { key: '/admin/custom-fields', icon: <BookOutlined />, label: t('nav.customFields') },
    can('settings.manage') && { key: '/admin/settings', icon: <SettingOutlined />, label: t('nav.settings') },
    can('service.manage') && { key: '/admin/service', icon: <CustomerServiceOutlined />, label: t('nav.serviceDesk') },
    can('approvals.manage') && { key: '/admin/approval-flows', icon: <AuditOutlined />, label: t('nav.approvalFlows') },
    can('audit.view') && { key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') },
  ].filter(Boolean) as MenuProps['items'];

  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    can('tasks.view') && { key: '/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
    can('tasks.view') && { key: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.tasks') },
    can('leads.view') && { key: '/leads', icon: <FunnelPlotOutlined />, label: t('nav.leads') },
    can('customers.view') && { key: '/customers', icon: <TeamOutlined />, label: t('nav.customers') },
    can('pool.view') && { key: '/pool', icon: <GlobalOutlined />, label: t('nav.pool') },
    can('opportunities.view') && { key: '/opportunities', icon: <FundOutlined />, label: t('nav.opportunities') },
    can('contacts.view') && { key: '/contacts', icon: <ContactsOutlined />, label: t('nav.contacts') },
    can('performance.view') && { key: '/performance', icon: <TrophyOutlined />, label: t('nav.performance') },
    { key: '/approvals', icon: <AuditOutlined />, label: t('nav.approvals') },
    can('tickets.view') && { key: '/tickets', icon: <CustomerServiceOutlined />, label: t('nav.tickets') },
    can('workOrders.work') && { key: '/my-work-orders', icon: <CarOutlined />, label: t('nav.myWorkOrders') },
    can('strategies.view') && { key: '/strategies', icon: <AimOutlined />, label: t('nav.strategies') },
    can('assets.view') && { key: '/assets', icon: <ToolOutlined />, label: t('nav.assets') },
    can('knowledge.view') && { key: '/kb', icon: <ReadOutlined />, label: t('nav.knowledge') },
    can('tickets.view') && { key: '/satisfaction', icon: <SmileOutlined />, label: t('nav.satisfaction') },
    can('surveys.view') && { key: '/surveys', icon: <FormOutlined />, label: t('nav.surveys') },
    can('quotes.view') && { key: '/quotes', icon: <FileDoneOutlined />, label: t('nav.quotes') },
    can('orders.view') && { key: '/orders', icon: <ShoppingCartOutlined />, label: t('nav.orders') },
    can('contracts.view') && { key: '/contracts', icon: <SolutionOutlined />, label: t('nav.contracts') },
    can('receipts.view') && {
      key: '/finance/reconciliation',
      icon: <ReconciliationOutlined />,
      label: t('nav.reconciliation'),
    },
    can('orders.view') && { key: '/receivables', icon: <AccountBookOutlined />, label: t('nav.receivables') },
    can('products.view') && { key: '/products', icon: <AppstoreOutlined />, label: t('nav.products') },
    can('inventory.view') && { key: '/inventory', icon: <InboxOutlined />, label: t('nav.inventory') },
    can('products.view') && { key: '/price-books', icon: <TagsOutlined />, label: t('nav.priceBooks') },
    can('followups.view') && { key: '/followups', icon: <MessageOutlined />, label: t('nav.followups') },
    can('dailyReports.view') && { key: '/daily-reports', icon: <FileTextOutlined />, label: t('nav.dailyReports') },
    can('contacts.view') && { key: '/anniversaries', icon: <GiftOutlined />, label: t('nav.anniversaries') },
    (can('customers.delete') || can('contacts.delete')) && {
      key: '/recycle-bin',
      icon: <DeleteOutlined />,
      label: t('nav.recycleBin'),
    },
    admin!.length > 0 && { key: 'admin', icon: <SettingOutlined />, label: t('nav.admin'), children: admin },
  ].filter(Boolean) as MenuProps['items'];

  const selected =
    '/' +
    location.pathname
      .split('/')
      .filter(Boolean)
      .slice(0, location.pathname.startsWith('/admin') ? 2 : 1)
      .join('/');
  const mobile = !screens.md;

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Sider
        breakpoint="lg"
        collapsedWidth={mobile ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontWeight: 600,
            fontSize: 18,
            color: '#1677ff',
          }}
        >
          {collapsed ? 'R' : 'Relate CRM'}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={location.pathname.startsWith('/admin') ? ['admin'] : []}
          items={items}
          onClick={({ key }) => {
            void navigate(key);
            if (mobile) setCollapsed(true);
          }}
        />
      </AntLayout.Sider>
      <AntLayout>
        <AntLayout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            <GlobalSearch compact={mobile} />
            <NotificationBell />
            <Segmented
              size="small"
              aria-label={t('common.language')}
              value={locale}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'EN', value: 'en' },
              ]}
              onChange={(value) => void setLocale(value as 'zh-CN' | 'en')}
            />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'profile',
                    icon: <UserOutlined />,
                    label: t('nav.profile'),
                    onClick: () => void navigate('/profile'),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('auth.logout'),
                    onClick: () => void signOut().then(() => navigate('/login')),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {!mobile && <Typography.Text>{info?.user.displayName}</Typography.Text>}
              </Button>
            </Dropdown>
          </Space>
        </AntLayout.Header>
        <AntLayout.Content style={{ padding: mobile ? 8 : 24 }}>
          <Outlet />
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
