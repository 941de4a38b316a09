import type { WorkOrder } from '@relate/common';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkOrders } from '../../work-orders/queries';
import { WorkOrderStatusTag } from '../../work-orders/WorkOrderStatusTag';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function WorkOrdersTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useWorkOrders({ customerId, ...firstTabPage });
  return <TabLabel title={t('workOrders.title')} list={data} />;
}

/** The customer's on-site work orders; a work order is made from its ticket, so the tab has no "new" of its own. */
export function WorkOrdersTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const paging = useTabPaging();
  const { data, isFetching } = useWorkOrders({ customerId, page: paging.page, pageSize: paging.pageSize });
  return (
    <TabTable<WorkOrder>
      paging={paging}
      list={data}
      loading={isFetching}
      empty={t('workOrders.none')}
      data-testid="customer-work-orders"
      columns={[
        { title: '#', dataIndex: 'number' },
        {
          title: t('nav.tickets'),
          dataIndex: 'ticketNumber',
          render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{`${v} · ${r.ticketSubject}`}</Link>,
        },
        {
          title: t('workOrders.fields.appointment'),
          dataIndex: 'appointmentStart',
          render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
        },
        {
          title: t('workOrders.fields.technician'),
          dataIndex: 'technicianName',
          render: (v: string | null) => v ?? '-',
        },
        {
          title: t('tickets.fields.status'),
          dataIndex: 'status',
          render: (v: WorkOrder['status']) => <WorkOrderStatusTag status={v} />,
        },
      ]}
    />
  );
}
