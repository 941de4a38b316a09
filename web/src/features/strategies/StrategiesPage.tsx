import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlansTab } from './PlansTab';
import { RequirementsTab } from './RequirementsTab';
import { StrategiesTab } from './StrategiesTab';
import { usePageTitle } from '../../components/usePageTitle';

/** 服务策略: measures per customer level, each customer's implementation plan, and what customers ask for. */
export function StrategiesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.strategies'));
  return (
    <Card title={t('nav.strategies')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'strategies', label: t('strategies.tabs.strategies'), children: <StrategiesTab /> },
          { key: 'plans', label: t('strategies.tabs.plans'), children: <PlansTab /> },
          { key: 'requirements', label: t('strategies.tabs.requirements'), children: <RequirementsTab /> },
        ]}
      />
    </Card>
  );
}
