import { type WorkOrder, workOrderStatuses } from '@relate/common';
import { Card, Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { PagedTable } from '../../components/PagedTable';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';
import { useListView } from '../../components/useListView';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { UserSelect } from '../../components/users';
import { useWorkOrders } from './queries';
import { dateTime, workOrderColumns } from './work-order-columns';

/** 派工单: every on-site work order in the caller's scope, by status and technician, with filters in the URL. */
export function WorkOrderListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.workOrders'));
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const status = params.get('status')?.split(',') as WorkOrder['status'][] | undefined;
  const technicianId = params.get('technicianId')?.split(',').map(Number);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useWorkOrders({ status, technicianId, page, pageSize });
  const columns: TableColumnsType<WorkOrder> = [
    ...workOrderColumns(t, { withCustomer: true }),
    { title: t('workOrders.fields.address'), dataIndex: 'address', hidden: true },
    {
      title: t('customers.fields.phone'),
      dataIndex: 'contactPhone',
      hidden: true,
      render: (v: string | null) => <PhoneLink number={v} />,
    },
    { title: t('workOrders.fields.partsNeeded'), dataIndex: 'partsNeeded', hidden: true },
    { title: t('common.createdAt'), dataIndex: 'createdAt', hidden: true, render: dateTime },
  ];
  const listView = useListView('workOrders', columns);
  return (
    <Card title={t('nav.workOrders')}>
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Select
          allowClear
          mode="multiple"
          placeholder={t('tickets.fields.status')}
          style={{ minWidth: 160 }}
          value={status ?? []}
          onChange={(v: string[]) => update({ status: v.join(',') })}
          options={workOrderStatuses.map((s) => ({ value: s, label: t(`workOrders.statuses.${s}`) }))}
        />
        <UserSelect
          allowClear
          placeholder={t('workOrders.fields.technician')}
          value={technicianId?.[0]}
          onChange={(v) => update({ technicianId: v as number | undefined })}
          style={{ width: 160 }}
        />
      </FilterBar>
      <PagedTable<WorkOrder>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        empty={t('workOrders.none')}
        onPageChange={update}
        {...listView.table}
      />
    </Card>
  );
}
