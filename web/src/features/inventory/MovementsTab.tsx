import { type StockMovement, stockMovementKinds } from '@relate/common';
import { Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { useStockMovements } from './queries';
import { WarehouseFilter } from './WarehouseSelect';

/** 出入库记录: every movement with who, when and why, newest first. */
export function MovementsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const [query, setQuery] = useState({
    page: 1,
    pageSize: 50,
    warehouseId: undefined as number | undefined,
    kind: undefined as StockMovement['kind'] | undefined,
  });
  const { data, isFetching } = useStockMovements(query);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <WarehouseFilter
          value={query.warehouseId}
          onChange={(warehouseId) => setQuery({ ...query, warehouseId, page: 1 })}
        />
        <Select
          allowClear
          placeholder={t('inventory.allKinds')}
          style={{ width: 160 }}
          value={query.kind}
          onChange={(kind) => setQuery({ ...query, kind, page: 1 })}
          options={stockMovementKinds.map((k) => ({ value: k, label: t(`inventory.kinds.${k}`) }))}
        />
      </Space>
      <Table<StockMovement>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('inventory.noMovements') }}
        data-testid="movements-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          {
            title: t('inventory.fields.when'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('inventory.fields.kind'),
            dataIndex: 'kind',
            render: (v: StockMovement['kind']) => t(`inventory.kinds.${v}`),
          },
          {
            title: t('inventory.fields.product'),
            key: 'product',
            render: (_, r) => `${r.productCode} · ${r.productName}`,
          },
          { title: t('inventory.fields.warehouse'), dataIndex: 'warehouseName' },
          {
            title: t('inventory.fields.quantity'),
            dataIndex: 'quantity',
            align: 'right',
            render: (v: string) => (
              <Typography.Text type={v.startsWith('-') ? 'danger' : 'success'}>{v}</Typography.Text>
            ),
          },
          ...(can('inventory.costs')
            ? [
                {
                  title: t('inventory.fields.value'),
                  dataIndex: 'value',
                  align: 'right' as const,
                  render: (v: string | null) => money(v),
                },
              ]
            : []),
          {
            title: t('inventory.fields.reason'),
            key: 'reason',
            render: (_, r) =>
              r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> : (r.reason ?? '-'),
          },
          { title: t('inventory.fields.by'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '-' },
        ]}
      />
    </>
  );
}
