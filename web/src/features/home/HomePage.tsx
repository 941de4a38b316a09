import { CalendarOutlined, CheckSquareOutlined, FundOutlined, TeamOutlined } from '@ant-design/icons';
import type { HomeSectionCode } from '@relate/common';
import { Button, Card, Col, Empty, Row, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { HomeDashboard } from '../dashboards/HomeDashboard';
import { SetupChecklist } from '../setup/SetupChecklist';
import { HomeSection } from './HomeSections';
import { useHome } from './queries';

/** Sections whose records are the caller's own, or their team's when "my team" is chosen. */
const followsView: readonly HomeSectionCode[] = ['tasks', 'followupsDue', 'targetProgress', 'myPipeline', 'activity'];
/** Sections that read best across the whole page. */
const wide: readonly HomeSectionCode[] = ['activity', 'teamActivity'];

/**
 * 工作台: the sections of the caller's roles, as the server lists them — a rep's day, a manager's team and
 * forecast, an agent's queue and SLA risks, a technician's visits, finance's payments and invoices — and
 * below them the dashboards chosen for their roles, across the page.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { can, info } = useSession();
  const navigate = useNavigate();
  const [view, setView] = useState<'me' | 'team'>('me');
  const { data, isLoading } = useHome(view);
  const sections = data?.sections ?? [];
  const dashboards = data?.dashboards ?? [];
  const teamSwitch = can('customers.assign') && sections.some((s) => followsView.includes(s));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.greeting', { name: info?.user.displayName })}
        </Typography.Title>
        <Space wrap>
          {teamSwitch && (
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'me' | 'team')}
              options={[
                { value: 'me', label: t('home.me') },
                { value: 'team', label: t('home.team') },
              ]}
            />
          )}
          {can('customers.create') && (
            <Button icon={<TeamOutlined />} onClick={() => navigate('/customers?new=1')}>
              {t('customers.new')}
            </Button>
          )}
          {can('tasks.create') && (
            <Button icon={<CheckSquareOutlined />} onClick={() => navigate('/tasks')}>
              {t('tasks.new')}
            </Button>
          )}
          {can('opportunities.create') && (
            <Button icon={<FundOutlined />} onClick={() => navigate('/opportunities')}>
              {t('opportunities.new')}
            </Button>
          )}
          {can('tasks.view') && (
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/calendar')}>
              {t('nav.calendar')}
            </Button>
          )}
        </Space>
      </div>
      <SetupChecklist />
      {isLoading || !data ? (
        <Card loading />
      ) : sections.length || dashboards.length ? (
        <Row gutter={[16, 16]} data-testid="home-sections">
          {sections.map((code) => (
            <Col key={code} xs={24} lg={wide.includes(code) ? 24 : 12} style={{ minWidth: 0 }}>
              <HomeSection code={code} data={data} />
            </Col>
          ))}
          {dashboards.map((dashboard) => (
            <Col key={`dashboard-${dashboard.id}`} xs={24} style={{ minWidth: 0 }}>
              <HomeDashboard dashboard={dashboard} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty description={t('homeSections.noSections')} />
        </Card>
      )}
    </Space>
  );
}
