import { LogoutOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { portalSessionApi } from './api';
import { usePortal } from './PortalSession';

const sections = ['tickets', 'kb', 'orders', 'billing', 'profile'] as const;
const pathOf = (section: (typeof sections)[number]) => (section === 'tickets' ? '/portal' : `/portal/${section}`);

/** The portal's frame: the company's logo and name, the customer's sections, language and sign-out. */
export function PortalLayout() {
  const { t } = useTranslation();
  const { session, branding, signOut, setLocale } = usePortal();
  const location = useLocation();
  const navigate = useNavigate();
  const current = sections.find((s) => s !== 'tickets' && location.pathname.startsWith(pathOf(s))) ?? 'tickets';
  const visible = session ? sections : (['kb'] as const);
  // On a phone the sections get a row of their own, each shown (scrolling sideways if need be), not folded into "…".
  const phone = !Grid.useBreakpoint().md;
  const menu = (
    <Menu
      mode="horizontal"
      disabledOverflow={phone}
      selectedKeys={[current]}
      style={phone ? { borderBottom: 'none', flexWrap: 'nowrap' } : { flex: 1, minWidth: 0, borderBottom: 'none' }}
      items={visible.map((s) => ({ key: s, label: t(`portal.nav.${s}`) }))}
      onClick={({ key }) => navigate(pathOf(key as (typeof sections)[number]))}
      data-testid="portal-nav"
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '0 16px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Link to="/portal" style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          {branding?.hasLogo && <img src={portalSessionApi.logoUrl} alt="" style={{ height: 32 }} />}
          <Typography.Text strong ellipsis data-testid="portal-company">
            {branding?.companyName}
          </Typography.Text>
        </Link>
        {phone ? <div style={{ flex: 1 }} /> : menu}
        <Space>
          <LocaleSwitch onChange={setLocale} />
          {session ? (
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void signOut().then(() => navigate('/portal/login'))}
              aria-label={t('auth.logout')}
            />
          ) : (
            <Button type="primary" onClick={() => navigate('/portal/login')}>
              {t('auth.login')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      {phone && <div style={{ background: '#fff', overflowX: 'auto', borderBottom: '1px solid #f0f0f0' }}>{menu}</div>}
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#999' }}>
        {session
          ? t('portal.signedInAs', { name: session.name, company: session.customerName })
          : branding?.companyName}
      </Layout.Footer>
    </Layout>
  );
}
