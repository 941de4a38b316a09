import { PlusOutlined } from '@ant-design/icons';
import { type Ticket, type TicketPriority, ticketPriorities, type TicketStatus, ticketStatuses } from '@relate/common';
import { Badge, Button, Card, Empty, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { ListTotal } from '../../components/ListTotal';
import { pageAndSort } from '../../components/table-paging';
import { useTicketCounts, useTickets } from './queries';
import { TicketForm } from './TicketForm';
import { SlaCountdown, TicketPriorityTag, TicketStatusTag } from './TicketTags';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';

type Queue = 'me' | 'unassigned' | 'team' | 'all';
type Filters = {
  page: number;
  pageSize: number;
  q?: string;
  status?: TicketStatus | 'open';
  type?: string;
  priority?: TicketPriority;
  breached?: true;
  sort?: string;
};

/** 工单: the agent's queues (mine, unassigned, my team, all) with counts, VIP and urgent first. */
export function TicketListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.tickets'));
  const { can } = useSession();
  // A search brought by the address (the global search's "show all") looks through every ticket the caller may see.
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<Filters>(
    { page: 1, pageSize: 20, status: 'open' },
    { status: undefined },
  );
  const [queue, setQueue] = useState<Queue>(addressQ ? 'all' : 'me');
  const [creating, setCreating] = useState(false);
  const counts = useTicketCounts();
  const { data, isFetching } = useTickets({
    ...filters,
    status: filters.status ? [filters.status] : undefined,
    queue: queue === 'all' ? undefined : queue,
  });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const badge = (label: string, count?: number) => (
    <Space size={4}>
      {label}
      {count ? <Badge count={count} color="#1677ff" overflowCount={999} /> : null}
    </Space>
  );
  return (
    <Card
      title={t('nav.tickets')}
      extra={
        can('tickets.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-ticket">
            {t('tickets.new')}
          </Button>
        )
      }
    >
      <Segmented
        style={{ marginBottom: 16 }}
        value={queue}
        onChange={(v) => {
          setQueue(v as Queue);
          setFilters((f) => ({ ...f, page: 1 }));
        }}
        options={[
          { value: 'me', label: badge(t('tickets.queues.me'), counts.data?.mine) },
          { value: 'unassigned', label: badge(t('tickets.queues.unassigned'), counts.data?.unassigned) },
          { value: 'team', label: t('tickets.queues.team') },
          { value: 'all', label: t('tickets.queues.all') },
        ]}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={addressQ}
          defaultValue={addressQ}
          allowClear
          placeholder={t('tickets.searchPlaceholder')}
          onSearch={(q) => change({ q: q || undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('tickets.fields.status')}
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status) => change({ status })}
          options={[
            { value: 'open', label: t('tickets.openStatuses') },
            ...ticketStatuses.map((s) => ({
              value: s,
              label: `${t(`tickets.statuses.${s}`)}${counts.data?.byStatus[s] ? ` (${counts.data.byStatus[s]})` : ''}`,
            })),
          ]}
        />
        <DictionarySelect
          type="ticket_type"
          allowClear
          placeholder={t('tickets.fields.type')}
          style={{ width: 140 }}
          value={filters.type}
          onChange={(type: string) => change({ type })}
        />
        <Select
          allowClear
          placeholder={t('tickets.fields.priority')}
          style={{ width: 120 }}
          value={filters.priority}
          onChange={(priority) => change({ priority })}
          options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
        />
        <Button
          type={filters.breached ? 'primary' : 'default'}
          danger
          onClick={() => change({ breached: filters.breached ? undefined : true })}
        >
          {badge(t('tickets.breachedOnly'), counts.data?.breached)}
        </Button>
      </Space>
      <Table<Ticket>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
        data-testid="ticket-table"
        columns={[
          {
            title: t('tickets.fields.number'),
            dataIndex: 'number',
            sorter: true,
            render: (v: string, r) => <Link to={`/tickets/${r.id}`}>{v}</Link>,
          },
          {
            title: t('tickets.fields.subject'),
            dataIndex: 'subject',
            render: (v: string, r) => (
              <Space size={4}>
                {r.vip && <Tag color="gold">VIP</Tag>}
                <Link to={`/tickets/${r.id}`}>{v}</Link>
              </Space>
            ),
          },
          {
            title: t('tickets.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string | null, r) =>
              r.customerId ? <Link to={`/customers/${r.customerId}`}>{v}</Link> : (r.requesterName ?? '-'),
          },
          {
            title: t('tickets.fields.type'),
            dataIndex: 'type',
            render: (v: string) => <DictionaryTag type="ticket_type" code={v} />,
          },
          {
            title: t('tickets.fields.priority'),
            dataIndex: 'priority',
            sorter: true,
            render: (v: Ticket['priority']) => <TicketPriorityTag priority={v} />,
          },
          {
            title: t('tickets.fields.status'),
            dataIndex: 'status',
            render: (v: Ticket['status']) => <TicketStatusTag status={v} />,
          },
          { title: t('tickets.fields.sla'), key: 'sla', render: (_, r) => <SlaCountdown ticket={r} /> },
          {
            title: t('tickets.fields.assignee'),
            dataIndex: 'assigneeName',
            render: (v: string | null) => v ?? <Tag>{t('tickets.unassigned')}</Tag>,
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => <ListTotal total={total} capped={data?.totalCapped} />,
        }}
        onChange={(p, _f, sorter) => setFilters((f) => ({ ...f, ...pageAndSort(p, sorter) }))}
      />
      <TicketForm open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
