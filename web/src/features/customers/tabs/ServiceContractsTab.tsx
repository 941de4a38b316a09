import type { ServiceContract } from '@relate/common';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { NewButton } from '../../../components/NewButton';
import { PagedTable } from '../../../components/PagedTable';
import { useSaveDialog } from '../../../components/SaveDialog';
import { ContractDialog } from '../../assets/ContractDialog';
import { useServiceContracts } from '../../assets/queries';
import { Allowance } from '../../assets/shared';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';

const statusColors = { upcoming: 'blue', active: 'green', expired: 'default' } as const;

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
  const { page, pageSize, onPageChange } = useTabPaging();
  const { data, isFetching } = useServiceContracts({ customerId: customer.id, page, pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('assets.manage') && <NewButton onClick={dialog.openNew}>{t('assets.newContract')}</NewButton>}
      <PagedTable<ServiceContract>
        size="small"
        list={data}
        loading={isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={onPageChange}
        empty={t('assets.noContracts')}
        columns={[
          { title: t('assets.fields.contractName'), dataIndex: 'name' },
          { title: t('assets.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          {
            title: t('assets.fields.status'),
            dataIndex: 'status',
            render: (s: ServiceContract['status']) => <Tag color={statusColors[s]}>{t(`assets.statuses.${s}`)}</Tag>,
          },
          {
            title: t('assets.fields.visitsIncluded'),
            key: 'visits',
            render: (_, c) => (
              <Allowance used={c.visitsUsed} included={c.visitsIncluded} unit={t('assets.visitsUnit')} />
            ),
          },
          {
            title: t('assets.fields.hoursIncluded'),
            key: 'hours',
            render: (_, c) => (
              <Allowance
                used={Math.round((c.minutesUsed / 60) * 10) / 10}
                included={c.minutesIncluded === null ? null : c.minutesIncluded / 60}
                unit="h"
              />
            ),
          },
        ]}
      />
      <ContractDialog dialog={dialog} customer={customer} />
    </Space>
  );
}
