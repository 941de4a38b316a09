import type { Contract } from '@relate/common';
import { Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { DictionaryTag } from '../../../components/dictionaries';
import { useMoney } from '../../../components/money';
import { NewButton } from '../../../components/NewButton';
import { PagedTable } from '../../../components/PagedTable';
import { ContractForm } from '../../contracts/ContractForm';
import { useContracts } from '../../contracts/queries';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';

const statusColors: Record<Contract['status'], string> = {
  draft: 'default',
  pending_approval: 'gold',
  in_force: 'green',
  expired: 'orange',
  terminated: 'red',
};

export function ContractsTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useContracts({ customerId, ...firstTabPage });
  return <TabLabel title={t('nav.contracts')} list={data} />;
}

/** The customer's contracts, with a new contract for the customer. */
export function ContractsTab({ customer }: { customer: { id: number; name: string } }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const [creating, setCreating] = useState(false);
  const { page, pageSize, onPageChange } = useTabPaging();
  const { data, isFetching } = useContracts({ customerId: customer.id, page, pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('contracts.create') && <NewButton onClick={() => setCreating(true)}>{t('contracts.new')}</NewButton>}
      <PagedTable<Contract>
        size="small"
        list={data}
        loading={isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={onPageChange}
        empty={t('contracts.empty')}
        columns={[
          { title: t('contracts.fields.number'), dataIndex: 'number' },
          { title: t('contracts.fields.name'), dataIndex: 'name' },
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
        ]}
      />
      <ContractForm open={creating} customer={customer} onClose={() => setCreating(false)} />
    </Space>
  );
}
