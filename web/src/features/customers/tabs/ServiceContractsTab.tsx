import type { ServiceContract } from '@relate/common';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { NewButton } from '../../../components/NewButton';
import { useSaveDialog } from '../../../components/SaveDialog';
import { ContractDialog } from '../../assets/ContractDialog';
import { useServiceContracts } from '../../assets/queries';
import { entitlementColumns } from '../../assets/shared';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function ServiceContractsTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useServiceContracts({ customerId, ...firstTabPage });
  return <TabLabel title={t('assets.tabs.contracts')} list={data} />;
}

/** The service contracts the customer is entitled to, with a new one for the customer. */
export function ServiceContractsTab({ customer }: { customer: { id: number; name: string } }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const dialog = useSaveDialog<ServiceContract>();
  const paging = useTabPaging();
  const { data, isFetching } = useServiceContracts({
    customerId: customer.id,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('assets.manage') && <NewButton onClick={dialog.openNew}>{t('assets.newContract')}</NewButton>}
      <TabTable<ServiceContract>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('assets.noContracts')}
        columns={[
          { title: t('assets.fields.contractName'), dataIndex: 'name' },
          { title: t('assets.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          ...entitlementColumns(t),
        ]}
      />
      <ContractDialog dialog={dialog} customer={customer} />
    </Space>
  );
}
