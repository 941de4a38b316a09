import type { Contract } from '@relate/common';
import { Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { useMoney } from '../../../components/money';
import { NewButton } from '../../../components/NewButton';
import { ContractForm } from '../../contracts/ContractForm';
import { useContracts } from '../../contracts/queries';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';
import { contractTermsColumns } from '../../contracts/contract-columns';

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
  const paging = useTabPaging();
  const { data, isFetching } = useContracts({ customerId: customer.id, page: paging.page, pageSize: paging.pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('contracts.create') && <NewButton onClick={() => setCreating(true)}>{t('contracts.new')}</NewButton>}
      <TabTable<Contract>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('contracts.empty')}
        columns={[
          { title: t('contracts.fields.number'), dataIndex: 'number' },
          { title: t('contracts.fields.name'), dataIndex: 'name' },
          ...contractTermsColumns(t, money),
        ]}
      />
      <ContractForm open={creating} customer={customer} onClose={() => setCreating(false)} />
    </Space>
  );
}
