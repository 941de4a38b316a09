import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { MyReportTab } from './MyReportTab';
import { TeamReportsTab } from './TeamReportsTab';
import { usePageTitle } from '../../components/usePageTitle';

/** 日报: write today's report, and read the submitted reports of the people in one's scope. */
export function DailyReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.dailyReports'));
  const { can } = useSession();
  const tabs = [
    can('dailyReports.submit') && { key: 'mine', label: t('dailyReports.mine'), children: <MyReportTab /> },
    { key: 'team', label: t('dailyReports.team'), children: <TeamReportsTab /> },
  ].filter((tab) => !!tab);
  return (
    <Card title={t('nav.dailyReports')}>
      <Tabs items={tabs} destroyOnHidden />
    </Card>
  );
}
