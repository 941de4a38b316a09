import type { ServiceContract } from '@relate/common';
import { Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useSaveDialog } from '../../components/SaveDialog';
import { ContractDialog } from './ContractDialog';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useDeleteServiceContract, useServiceContracts } from './queries';
import { entitlementColumns } from './shared';

export function ContractsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const dialog = useSaveDialog<ServiceContract>();
  const deleteContract = useDeleteServiceContract();
  const { data, isFetching } = useServiceContracts({ page, pageSize: 20 });
  return (
    <>
      {can('assets.manage') && (
        <NewButton style={{ marginBottom: 16 }} onClick={dialog.openNew}>
          {t('assets.newContract')}
        </NewButton>
      )}
      <Table<ServiceContract>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assets.noContracts') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('assets.fields.contractName'), dataIndex: 'name' },
          {
            title: t('assets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, c) => <Link to={`/customers/${c.customerId}`}>{v}</Link>,
          },
          { title: t('assets.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          ...entitlementColumns(t),
          {
            title: t('assets.fields.responseMinutes'),
            dataIndex: 'responseMinutes',
            render: (v: number | null) => v ?? '-',
          },
          ...(can('assets.manage')
            ? [
                editDeleteColumn<ServiceContract>({
                  onEdit: dialog.openEdit,
                  onDelete: (c) => deleteContract.mutateAsync(c.id),
                }),
              ]
            : []),
        ]}
      />
      <ContractDialog dialog={dialog} />
    </>
  );
}
