import type { Instalment } from '@relate/common';
import { Space, type TableColumnType, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';

const statusColors: Record<Instalment['status'], string> = { open: 'default', partial: 'gold', paid: 'green' };

/** An instalment's number, due date, amounts and status (with the days overdue), as columns of any list of them. */
export function instalmentColumns(
  t: TFunction,
  money: (amount: string, currency: string) => string,
): Array<TableColumnType<Instalment>> {
  const amount = (field: 'amount' | 'received' | 'outstanding'): TableColumnType<Instalment> => ({
    title: t(`payments.fields.${field}`),
    dataIndex: field,
    align: 'right',
    render: (v: string, i) => money(v, i.currency),
  });
  return [
    { title: '#', dataIndex: 'seq', width: 40 },
    { title: t('payments.fields.dueDate'), dataIndex: 'dueDate' },
    amount('amount'),
    amount('received'),
    amount('outstanding'),
    {
      title: t('payments.fields.status'),
      dataIndex: 'status',
      render: (s: Instalment['status'], i) => (
        <Space>
          <Tag color={statusColors[s]}>{t(`payments.statuses.${s}`)}</Tag>
          {i.daysOverdue > 0 && (
            <Typography.Text type="danger">{t('payments.overdueDays', { count: i.daysOverdue })}</Typography.Text>
          )}
        </Space>
      ),
    },
  ];
}
