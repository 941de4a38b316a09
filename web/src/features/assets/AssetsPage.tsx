import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetsTab } from './AssetsTab';
import { ContractsTab } from './ContractsTab';
import { usePageTitle } from '../../components/usePageTitle';

/** 设备与服务合同: the installed base and the service contracts that cover it. */
export function AssetsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.assets'));
  return (
    <Card title={t('nav.assets')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'assets', label: t('assets.tabs.assets'), children: <AssetsTab /> },
          { key: 'contracts', label: t('assets.tabs.contracts'), children: <ContractsTab /> },
        ]}
      />
    </Card>
  );
}
