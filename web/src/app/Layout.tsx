import {
  LogoutOutlined,
  MailOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  Layout as AntLayout,
  Breadcrumb,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Menu,
  Segmented,
  Space,
  Typography,
} from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { usePageHeading } from '../components/page-heading';
import { ScreenPop } from '../features/calls/ScreenPop';
import { SeatControl } from '../features/calls/SeatControl';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { entryOf, type MenuSection, useMenu } from './menu';
import { PageProblem } from './PageProblem';
import { useSession } from './session';
import { prefetchPage } from './staff-pages';

const closedSectionsKey = 'relate.menu.closedSections';
const collapsedKey = 'relate.menu.collapsed';

function readClosedSections(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(closedSectionsKey) ?? '[]');
    return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    return [];
  }
}

/** The sections of the menu, each open unless the user closed it (remembered in this browser). */
function SectionMenu({
  sections,
  selected,
  collapsed,
  onNavigate,
}: {
  sections: MenuSection[];
  selected: string | undefined;
  collapsed: boolean;
  onNavigate: (path: string) => void;
}) {
  const [closed, setClosed] = useState(readClosedSections);
  const items: MenuProps['items'] = sections.map((section) => ({
    key: section.key,
    label: section.label,
    icon: collapsed ? section.icon : undefined,
    children: section.entries.map((entry) => ({
      key: entry.path,
      icon: entry.icon,
      // A page's code starts loading as the pointer reaches its entry.
      label: <span onMouseEnter={() => prefetchPage(entry.path)}>{entry.label}</span>,
    })),
  }));
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      {...(!collapsed && {
        openKeys: sections.map((section) => section.key).filter((key) => !closed.includes(key)),
        onOpenChange: (open: string[]) => {
          const next = sections.map((section) => section.key).filter((key) => !open.includes(key));
          localStorage.setItem(closedSectionsKey, JSON.stringify(next));
          setClosed(next);
        },
      })}
      items={items}
      onClick={({ key }) => onNavigate(key)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}

/** Where a record's page sits: its section, its list (a link back) and the record's name. */
function Breadcrumbs({ sections }: { sections: MenuSection[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const heading = usePageHeading();
  const found = entryOf(sections, location.pathname);
  if (!found || found.entry.path === location.pathname || found.entry.path === '/') return null;
  const record = heading.length > 1 ? heading[0] : undefined;
  return (
    <Breadcrumb
      aria-label={t('nav.breadcrumb')}
      style={{ marginBottom: 12 }}
      items={[
        ...(found.section.label !== found.entry.label ? [{ title: found.section.label }] : []),
        { title: <Link to={found.entry.path}>{found.entry.label}</Link> },
        ...(record ? [{ title: record }] : []),
      ]}
    />
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { info, locale, setLocale, signOut, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const { sections, allowed: opens } = useMenu();
  // The narrow menu stays narrow after a reload, as the user left it in this browser.
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(collapsedKey) === '1');
  const toggleCollapsed = () =>
    setCollapsed((value) => {
      localStorage.setItem(collapsedKey, value ? '0' : '1');
      return !value;
    });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const mobile = !screens.md;
  const selected = entryOf(sections, location.pathname)?.entry.path;
  const navigation = useNavigation();
  const allowed = opens(location.pathname);
  const firstEntries = sections
    .flatMap((section) => section.entries.map((entry) => entry.path))
    .slice(0, 8)
    .join(' ');
  // The pages a user most likely opens next (the first entries of their menu) load once the page on screen is up.
  useEffect(() => {
    const timer = setTimeout(() => firstEntries.split(' ').forEach(prefetchPage), 2000);
    return () => clearTimeout(timer);
  }, [firstEntries]);
  const logo = (short: boolean) => (
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
      {short ? 'R' : 'Relate CRM'}
    </div>
  );

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          {logo(false)}
          <SectionMenu
            sections={sections}
            selected={selected}
            collapsed={false}
            onNavigate={(path) => {
              setDrawerOpen(false);
              void navigate(path);
            }}
          />
        </Drawer>
      ) : (
        <AntLayout.Sider
          width={208}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          theme="light"
          style={{
            borderRight: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflowY: 'auto',
          }}
        >
          {logo(collapsed)}
          <SectionMenu
            sections={sections}
            selected={selected}
            collapsed={collapsed}
            onNavigate={(path) => void navigate(path)}
          />
        </AntLayout.Sider>
      )}
      <AntLayout>
        <AntLayout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Button
            type="text"
            icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            aria-label={mobile || collapsed ? t('nav.expand') : t('nav.collapse')}
            data-testid="menu-toggle"
            onClick={() => (mobile ? setDrawerOpen(true) : toggleCollapsed())}
          />
          <Space size="middle">
            <GlobalSearch compact={mobile} />
            {can('calls.view') && <SeatControl compact={mobile} />}
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
                  // One's own mailbox is a personal setting, as the profile is: every user connects theirs here.
                  {
                    key: 'mailboxes',
                    icon: <MailOutlined />,
                    label: t('nav.mailboxes'),
                    onClick: () => void navigate('/mailboxes'),
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
        {navigation.state === 'loading' && (
          <div
            role="progressbar"
            aria-label={t('common.loading')}
            style={{ position: 'fixed', top: 0, left: 0, right: 0, height: 2, background: '#1677ff', zIndex: 1000 }}
          />
        )}
        <AntLayout.Content style={{ padding: mobile ? 8 : 24 }}>
          <Breadcrumbs sections={sections} />
          {allowed ? <Outlet /> : <PageProblem problem="forbidden" />}
        </AntLayout.Content>
        {can('calls.view') && <ScreenPop />}
      </AntLayout>
    </AntLayout>
  );
}
