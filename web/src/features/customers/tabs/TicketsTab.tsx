import type { Ticket } from '@relate/common';
import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session';
import { DictionaryTag } from '../../../components/dictionaries';
import { NewButton } from '../../../components/NewButton';
import { useTickets } from '../../tickets/queries';
import { TicketForm } from '../../tickets/TicketForm';
import { TicketPriorityTag, TicketStatusTag } from '../../tickets/TicketTags';
import { firstTabPage, useTabPaging } from './paging';
import { TabLabel } from './TabLabel';
import { TabTable } from './TabTable';

export function TicketsTabLabel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { data } = useTickets({ customerId, ...firstTabPage });
  return <TabLabel title={t('nav.tickets')} list={data} />;
}

/** The customer's tickets, with a new ticket for the customer. */
export function TicketsTab({ customer }: { customer: { id: number; name: string } }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const paging = useTabPaging();
  const { data, isFetching } = useTickets({ customerId: customer.id, page: paging.page, pageSize: paging.pageSize });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('tickets.create') && <NewButton onClick={() => setCreating(true)}>{t('tickets.new')}</NewButton>}
      <TabTable<Ticket>
        paging={paging}
        list={data}
        loading={isFetching}
        empty={t('tickets.empty')}
        data-testid="customer-tickets"
        columns={[
          {
            title: t('tickets.fields.number'),
            dataIndex: 'number',
            render: (v: string, r) => <Link to={`/tickets/${r.id}`}>{v}</Link>,
          },
          { title: t('tickets.fields.subject'), dataIndex: 'subject' },
          {
            title: t('tickets.fields.type'),
            dataIndex: 'type',
            render: (v: string) => <DictionaryTag type="ticket_type" code={v} />,
          },
          {
            title: t('tickets.fields.priority'),
            dataIndex: 'priority',
            render: (v: Ticket['priority']) => <TicketPriorityTag priority={v} />,
          },
          {
            title: t('tickets.fields.status'),
            dataIndex: 'status',
            render: (v: Ticket['status']) => <TicketStatusTag status={v} />,
          },
          {
            title: t('tickets.fields.assignee'),
            dataIndex: 'assigneeName',
            render: (v: string | null) => v ?? <Tag>{t('tickets.unassigned')}</Tag>,
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
      <TicketForm open={creating} customer={customer} onClose={() => setCreating(false)} />
    </Space>
  );
}
