import type { Contract } from '@relate/common';
import { type TableColumnType, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { DictionaryTag } from '../../components/dictionaries';

const statusColors: Record<Contract['status'], string> = {
  draft: 'default',
  pending_approval: 'gold',
  in_force: 'green',
  expired: 'orange',
  terminated: 'red',
};

/** A contract's category, amount, period and status, as columns of any list of contracts. */
export function contractTermsColumns(
  t: TFunction,
  money: (amount: string, currency: string) => string,
): Array<TableColumnType<Contract>> {
  return [
    {
      title: t('contracts.fields.category'),
      dataIndex: 'category',
      render: (v: string | null) => <DictionaryTag type="contract_category" code={v} />,
    },
    {
      title: t('contracts.fields.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: string, c) => money(v, c.currency),
    },
    { title: t('contracts.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
    {
      title: t('contracts.fields.status'),
      dataIndex: 'status',
      render: (s: Contract['status']) => <Tag color={statusColors[s]}>{t(`contracts.statuses.${s}`)}</Tag>,
    },
  ];
}
