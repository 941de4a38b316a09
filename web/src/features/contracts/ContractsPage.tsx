import { PlusOutlined } from '@ant-design/icons';
import { type Contract, type ContractStatus, contractStatuses } from '@relate/common';
import { App, Button, Card, Empty, Input, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { useMoney } from '../../components/money';
import { ContractForm } from './ContractForm';
import { useContracts, useDeleteContract, useRenewContract, useSubmitContract, useTerminateContract } from './queries';
import { DeleteButton } from '../../components/DeleteButton';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';
import { contractTermsColumns } from './contract-columns';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { stateListFilters, useListView } from '../../components/useListView';
import { ListTotal } from '../../components/ListTotal';

/** 合同: contracts by status, those ending soon, submit, renew and terminate. */
export function ContractsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.contracts'));
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<{
    page: number;
    q?: string;
    status?: ContractStatus;
    ending?: boolean;
  }>({ page: 1 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching } = useContracts({
    page: filters.page,
    pageSize: 20,
    q: filters.q,
    status: filters.status,
    endingWithinDays: filters.ending ? 60 : undefined,
  });
  const submitContract = useSubmitContract();
  const renewContract = useRenewContract();
  const terminateContract = useTerminateContract();
  const deleteContract = useDeleteContract();
  const act = async (request: Promise<unknown>) => {
    try {
      await request;
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const terminate = (c: Contract) => {
    let reason = '';
    modal.confirm({
      title: t('contracts.terminate'),
      content: <Input.TextArea rows={3} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => act(terminateContract.mutateAsync({ id: c.id, reason })),
    });
  };
  const renew = (c: Contract) =>
    act(
      renewContract.mutateAsync({
        id: c.id,
        body: { endsOn: dayjs(c.endsOn).add(1, 'year').format('YYYY-MM-DD') },
      }),
    );
  const columns: TableColumnsType<Contract> = [
    { title: t('contracts.fields.number'), dataIndex: 'number' },
    { title: t('contracts.fields.name'), dataIndex: 'name' },
    {
      title: t('contracts.fields.customer'),
      dataIndex: 'customerName',
      render: (v: string, c) => <Link to={`/customers/${c.customerId}`}>{v}</Link>,
    },
    ...contractTermsColumns(t, money),
    {
      key: 'actions',
      render: (_, c) => (
        <Space size={0} wrap>
          {can('contracts.edit') && c.status === 'draft' && (
            <Button size="small" type="link" onClick={() => void act(submitContract.mutateAsync(c.id))}>
              {t('orders.submit')}
            </Button>
          )}
          {can('contracts.create') && (c.status === 'in_force' || c.status === 'expired') && !c.renewedById && (
            <Button size="small" type="link" onClick={() => void renew(c)}>
              {t('contracts.renew')}
            </Button>
          )}
          {can('contracts.edit') && c.status === 'in_force' && (
            <Button size="small" type="link" danger onClick={() => terminate(c)}>
              {t('contracts.terminate')}
            </Button>
          )}
          {can('contracts.delete') && c.status === 'draft' && (
            <DeleteButton type="link" onConfirm={() => void act(deleteContract.mutateAsync(c.id))} />
          )}
        </Space>
      ),
    },
  ];
  const listView = useListView(
    'contracts',
    columns,
    stateListFilters(filters, setFilters, { q: 'text', status: 'text', ending: 'boolean' }),
  );
  return (
    <Card
      title={t('nav.contracts')}
      extra={
        can('contracts.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-contract">
            {t('contracts.new')}
          </Button>
        )
      }
    >
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          key={filters.q ?? addressQ}
          defaultValue={filters.q ?? addressQ}
          allowClear
          placeholder={t('contracts.searchPlaceholder')}
          onSearch={(q) => setFilters((f) => ({ ...f, page: 1, q: q || undefined }))}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('contracts.fields.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, page: 1, status }))}
          options={contractStatuses.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) }))}
        />
        <Segmented
          value={filters.ending ? 'ending' : 'all'}
          onChange={(v) => setFilters((f) => ({ ...f, page: 1, ending: v === 'ending' }))}
          options={[
            { value: 'all', label: t('contracts.all') },
            { value: 'ending', label: t('contracts.endingSoon') },
          ]}
        />
      </FilterBar>
      <Table<Contract>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('contracts.empty')} /> }}
        expandable={{
          expandedRowRender: (c) => <AttachmentList entity="contracts" id={c.id} editable={can('contracts.edit')} />,
        }}
        {...listView.table}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          showTotal: (total) => <ListTotal total={total} capped={data?.totalCapped} />,
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
      />
      <ContractForm open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
