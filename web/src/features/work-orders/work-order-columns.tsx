import type { WorkOrder } from '@relate/common';
import type { TableColumnType } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

export const dateTime = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '-');

/**
 * A work order's number, ticket, customer (unless the list is one customer's), appointment, technician and
 * status, as columns of any list of them.
 */
export function workOrderColumns(
  t: TFunction,
  { withCustomer }: { withCustomer: boolean },
): Array<TableColumnType<WorkOrder>> {
  return [
    { title: '#', dataIndex: 'number' },
    {
      title: t('nav.tickets'),
      dataIndex: 'ticketNumber',
      render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{`${v} · ${r.ticketSubject}`}</Link>,
    },
    ...(withCustomer
      ? [
          {
            title: t('tickets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string | null, r: WorkOrder) =>
              r.customerId ? <Link to={`/customers/${r.customerId}`}>{v}</Link> : '-',
          },
        ]
      : []),
    { title: t('workOrders.fields.appointment'), dataIndex: 'appointmentStart', render: dateTime },
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
  ];
}
