import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CalendarTab } from './CalendarTab';
import { CannedAnswersTab } from './CannedAnswersTab';
import { SlaPoliciesTab } from './SlaPoliciesTab';
import { WebFormTab } from './WebFormTab';
import { usePageTitle } from '../../components/usePageTitle';

/** 客服设置: SLA policies, canned answers, and the business calendar with routing. */
export function ServiceDeskPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.serviceDesk'));
  // The tab is in the address, so that a link (a notification about the working calendar) opens it.
  const [params, setParams] = useSearchParams();
  return (
    <Card title={t('nav.serviceDesk')}>
      <Tabs
        destroyOnHidden
        activeKey={params.get('tab') ?? 'sla'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'sla', label: t('serviceDesk.tabs.sla'), children: <SlaPoliciesTab /> },
          { key: 'answers', label: t('serviceDesk.tabs.answers'), children: <CannedAnswersTab /> },
          { key: 'calendar', label: t('serviceDesk.tabs.calendar'), children: <CalendarTab /> },
          { key: 'webForm', label: t('serviceDesk.tabs.webForm'), children: <WebFormTab /> },
        ]}
      />
    </Card>
  );
}
