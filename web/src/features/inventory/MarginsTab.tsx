import type { ProductMargin } from '@relate/common';
import { DatePicker, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { useMargins } from './queries';

/** 毛利: revenue and cost of what was delivered in a period, per product. */
export function MarginsTab() {
  const { t } = useTranslation();
  const money = useMoney();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, isFetching } = useMargins({ from, to });
  const currency = data?.currency;
  const percent = (v: string | null) => (v === null ? '-' : `${v}%`);
  return (
    <>
      <DatePicker.RangePicker
        style={{ marginBottom: 16 }}
        value={range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
      />
      <Table<ProductMargin>
        rowKey={(r) => String(r.productId ?? 'none')}
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('inventory.noMargins') }}
        data-testid="margins-table"
        columns={[
          {
            title: t('inventory.fields.product'),
            key: 'product',
            render: (_, r) => (r.productName ? `${r.productCode} · ${r.productName}` : t('inventory.freeLines')),
          },
          { title: t('inventory.fields.quantity'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('inventory.fields.revenue'),
            dataIndex: 'revenue',
            align: 'right',
            render: (v: string) => money(v, currency),
          },
          {
            title: t('inventory.fields.cost'),
            dataIndex: 'cost',
            align: 'right',
            render: (v: string) => money(v, currency),
          },
          {
            title: t('inventory.fields.margin'),
            dataIndex: 'margin',
            align: 'right',
            render: (v: string) => (
              <Typography.Text type={v.startsWith('-') ? 'danger' : undefined}>{money(v, currency)}</Typography.Text>
            ),
          },
          { title: t('inventory.fields.marginPercent'), dataIndex: 'marginPercent', align: 'right', render: percent },
        ]}
        summary={() =>
          data?.items.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('performance.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {money(data.totals.revenue, currency)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {money(data.totals.cost, currency)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Typography.Text strong>{money(data.totals.margin, currency)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {percent(data.totals.marginPercent)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
