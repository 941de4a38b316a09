import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWarehouses } from './queries';

/** An active warehouse; left empty, the default one is used. */
export function WarehouseSelect(props: SelectProps<number>) {
  const { t } = useTranslation();
  const { data = [] } = useWarehouses();
  return (
    <Select
      allowClear
      placeholder={t('inventory.defaultWarehouse')}
      options={data.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
      {...props}
    />
  );
}

/** A list's warehouse filter: every warehouse, active or not; left empty, all of them. */
export function WarehouseFilter(props: { value?: number; onChange: (warehouseId: number | undefined) => void }) {
  const { t } = useTranslation();
  const { data = [] } = useWarehouses();
  return (
    <Select
      allowClear
      placeholder={t('inventory.allWarehouses')}
      style={{ width: 180 }}
      value={props.value}
      onChange={props.onChange}
      options={data.map((w) => ({ value: w.id, label: w.name }))}
    />
  );
}
