import type { StockLevel } from '@relate/common';
import { Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { useSaveDialog } from '../../components/SaveDialog';
import { useStockLevels } from './queries';
import { WarehouseFilter } from './WarehouseSelect';
import { StockDialog, type StockRequest } from './StockDialog';

/** 库存: tracked products with what is on hand, promised and free, and what it is worth. */
export function StockTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const [query, setQuery] = useState({
    page: 1,
    pageSize: 50,
    q: '',
    warehouseId: undefined as number | undefined,
    lowOnly: false,
  });
  const dialog = useSaveDialog<StockRequest>();
  const { data, isFetching } = useStockLevels({ ...query, q: query.q || undefined });
  const manage = can('inventory.manage');
  const costs = can('inventory.costs');
  const actions = (r?: StockLevel) => {
    const product = r ? { id: r.productId, label: `${r.productCode} · ${r.productName}` } : undefined;
    return (['in', 'transfer', 'count'] as const).map((action) => (
      <Button
        key={action}
        size={r ? 'small' : 'middle'}
        type={!r && action === 'in' ? 'primary' : 'default'}
        onClick={() => dialog.openEdit({ action, product })}
        data-testid={r ? `stock-${action}-${r.productCode}` : `stock-${action}`}
      >
        {t(`inventory.actions.${action}`)}
      </Button>
    ));
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('inventory.searchProducts')}
          onSearch={(q) => setQuery({ ...query, q, page: 1 })}
          style={{ width: 260 }}
          data-testid="stock-search"
        />
        <WarehouseFilter
          value={query.warehouseId}
          onChange={(warehouseId) => setQuery({ ...query, warehouseId, page: 1 })}
        />
        <Space>
          <Switch
            checked={query.lowOnly}
            onChange={(lowOnly) => setQuery({ ...query, lowOnly, page: 1 })}
            aria-label={t('inventory.lowOnly')}
          />
          {t('inventory.lowOnly')}
        </Space>
        {manage && actions()}
      </Space>
      <Table<StockLevel>
        rowKey="productId"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('inventory.noStock') }}
        data-testid="stock-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        expandable={{
          rowExpandable: (r) => r.warehouses.length > 0,
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey="warehouseId"
              pagination={false}
              dataSource={r.warehouses}
              columns={[
                { title: t('inventory.fields.warehouse'), dataIndex: 'warehouseName' },
                { title: t('inventory.fields.onHand'), dataIndex: 'onHand', align: 'right' },
                { title: t('inventory.fields.reserved'), dataIndex: 'reserved', align: 'right' },
                { title: t('inventory.fields.available'), dataIndex: 'available', align: 'right' },
                ...(costs
                  ? [
                      {
                        title: t('inventory.fields.value'),
                        dataIndex: 'value',
                        align: 'right' as const,
                        render: (v: string) => money(v),
                      },
                    ]
                  : []),
              ]}
            />
          ),
        }}
        columns={[
          { title: t('products.fields.code'), dataIndex: 'productCode' },
          {
            title: t('products.fields.name'),
            dataIndex: 'productName',
            render: (v: string, r) =>
              r.low ? (
                <Space>
                  {v}
                  <Tag color="red">{t('inventory.low')}</Tag>
                </Space>
              ) : (
                v
              ),
          },
          { title: t('products.fields.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? '-' },
          { title: t('inventory.fields.onHand'), dataIndex: 'onHand', align: 'right' },
          { title: t('inventory.fields.reserved'), dataIndex: 'reserved', align: 'right' },
          {
            title: t('inventory.fields.available'),
            dataIndex: 'available',
            align: 'right',
            render: (v: string, r) => (
              <Typography.Text type={r.low ? 'danger' : undefined} strong>
                {v}
              </Typography.Text>
            ),
          },
          {
            title: t('products.fields.reorderLevel'),
            dataIndex: 'reorderLevel',
            align: 'right',
            render: (v: string | null) => v ?? '-',
          },
          ...(costs
            ? [
                {
                  title: t('inventory.fields.averageCost'),
                  dataIndex: 'averageCost',
                  align: 'right' as const,
                  render: (v: string | null) => money(v),
                },
                {
                  title: t('inventory.fields.value'),
                  dataIndex: 'value',
                  align: 'right' as const,
                  render: (v: string | null) => money(v),
                },
              ]
            : []),
          ...(manage
            ? [
                {
                  title: t('inventory.actionsColumn'),
                  key: 'actions',
                  render: (_: unknown, r: StockLevel) => <Space size="small">{actions(r)}</Space>,
                },
              ]
            : []),
        ]}
      />
      <StockDialog dialog={dialog} />
    </>
  );
}
