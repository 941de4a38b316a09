import type { Dashboard } from '@relate/common';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardFigures, useDashboardWords, useWidgetPlanner } from './DashboardFigures';

/**
 * A dashboard chosen for one of the user's roles, as a section of their home page: its widgets as on its
 * own page, read only, over its own period and every department; and a link to open it.
 */
export function HomeDashboard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { nameOf } = useDashboardWords();
  const { planOf } = useWidgetPlanner({ period: dashboard.period, departmentIds: [] });
  return (
    <Card
      size="small"
      title={`${nameOf(dashboard)} · ${t(`reports.periods.${dashboard.period}`)}`}
      data-testid={`home-dashboard-${dashboard.id}`}
      extra={<Link to={`/dashboards/${dashboard.id}`}>{t('dashboards.open')}</Link>}
    >
      {dashboard.widgets.length ? (
        <DashboardFigures dashboard={dashboard} planOf={planOf} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.empty')} />
      )}
    </Card>
  );
}
