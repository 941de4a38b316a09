import { DownloadOutlined } from '@ant-design/icons';
import type { Reconciliation } from '@relate/common';
import { Button, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { financeApi } from './api';
import { useReconciliation } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type Row = Reconciliation['rows'][number];
const measures = ['contractsSigned', 'ordersDelivered', 'receiptsConfirmed', 'invoicesIssued'] as const;

/** 对账: a month's sales side beside its finance side, per rep or department and currency, exportable to Excel. */
export function ReconciliationPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.reconciliation'));
  const money = useMoney();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [groupBy, setGroupBy] = useState<'owner' | 'department'>('owner');
  const { data, isFetching } = useReconciliation({ month, groupBy });
  return (
    <Card
      title={t('nav.reconciliation')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => financeApi.downloadReconciliation({ month, groupBy })}>
          {t('common.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as typeof groupBy)}
          options={(['owner', 'department'] as const).map((g) => ({ value: g, label: t(`payments.groupBy.${g}`) }))}
        />
      </Space>
      <Table<Row>
        rowKey={(r) => `${r.key}-${r.currency}`}
        size="middle"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('reconciliation.empty') }}
        columns={[
          { title: t(`payments.groupBy.${groupBy}`), dataIndex: 'name' },
          { title: t('payments.fields.currency'), dataIndex: 'currency' },
          ...measures.map((m) => ({
            title: t(`reconciliation.${m}`),
            dataIndex: m,
            align: 'right' as const,
            render: (v: string, r: Row) => money(v, r.currency),
          })),
        ]}
        summary={() =>
          data?.totalsByCurrency.map((totals) => (
            <Table.Summary.Row key={totals.currency}>
              <Table.Summary.Cell index={0}>{t('payments.totalIn', { currency: totals.currency })}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{totals.currency}</Table.Summary.Cell>
              {measures.map((m, i) => (
                <Table.Summary.Cell key={m} index={i + 2} align="right">
                  <Typography.Text strong>{money(totals[m], totals.currency)}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ))
        }
      />
    </Card>
  );
}
