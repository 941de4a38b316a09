import { Alert, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { useSettings } from '../admin/queries';
import { MarginsTab } from './MarginsTab';
import { MovementsTab } from './MovementsTab';
import { StockTab } from './StockTab';
import { WarehousesTab } from './WarehousesTab';
import { usePageTitle } from '../../components/usePageTitle';

/** 库存管理: stock, movements, warehouses and margins, one tab each. */
export function InventoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.inventory'));
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const { data: settings } = useSettings();
  const tabs = [
    { key: 'stock', label: t('inventory.tabs.stock'), children: <StockTab /> },
    { key: 'movements', label: t('inventory.tabs.movements'), children: <MovementsTab /> },
    { key: 'warehouses', label: t('inventory.tabs.warehouses'), children: <WarehousesTab /> },
    ...(can('inventory.costs')
      ? [{ key: 'margins', label: t('inventory.tabs.margins'), children: <MarginsTab /> }]
      : []),
  ];
  return (
    <Card title={t('nav.inventory')}>
      {settings && !settings.stockTracking && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('inventory.trackingOff')} />
      )}
      <Tabs
        activeKey={params.get('tab') ?? 'stock'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </Card>
  );
}
