import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type BulkEditResult,
  type Ticket,
  ticketBulkStatuses,
  type TicketPriority,
  ticketPriorities,
  type TicketStatus,
  ticketStatuses,
} from '@relate/common';
import { App, Badge, Button, Card, Input, Segmented, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { BulkBar, useBulkResultMessage } from '../../components/BulkBar';
import { BulkEditDialog } from '../../components/BulkEditDialog';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { InlineEditCell } from '../../components/InlineEditCell';
import { UserSelect } from '../../components/users';
import { PagedTable } from '../../components/PagedTable';
import { useBulkUpdateTickets, useTicketCounts, useTickets, useUpdateTicket } from './queries';
import { TicketForm } from './TicketForm';
import { SlaCountdown, TicketPriorityTag, TicketStatusTag } from './TicketTags';
import { useFiltersWithAddressSearch } from '../../components/useFiltersWithAddressSearch';
import { usePageTitle } from '../../components/usePageTitle';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { countActive, stateListFilters, useListView } from '../../components/useListView';
import { useRowSelection } from '../../components/useRowSelection';

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
  // The address may bring a status or "past their SLA" (a home page's "view all") or a search (the global
  // search's "show all"); either looks through every ticket the caller may see.
  const [params] = useSearchParams();
  const addressStatus = (params.get('status') || undefined) as Filters['status'];
  const addressBreached = params.get('breached') === 'true' ? true : undefined;
  const [filters, setFilters, addressQ] = useFiltersWithAddressSearch<Filters>(
    { page: 1, pageSize: 20, status: addressStatus ?? 'open', breached: addressBreached },
    { status: undefined },
  );
  const [queue, setQueue] = useState<Queue>(addressQ || addressStatus || addressBreached ? 'all' : 'me');
  const [creating, setCreating] = useState(false);
  const counts = useTicketCounts();
  const { data, isFetching } = useTickets({
    ...filters,
    status: filters.status ? [filters.status] : undefined,
    queue: queue === 'all' ? undefined : queue,
  });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  // A view holds the queue too; the list opens on my open tickets.
  const listView = useListView<Ticket>(
    'tickets',
    undefined,
    stateListFilters(
      { ...filters, queue },
      ({ queue: next, ...rest }) => {
        setQueue(next ?? 'me');
        setFilters(rest);
      },
      { q: 'text', status: 'text', type: 'text', priority: 'text', breached: 'boolean', queue: 'text' },
      { status: 'open', queue: 'me' },
    ),
  );
  const editable = can('tickets.edit');
  const { selected, setSelected, rowSelection } = useRowSelection<Ticket>(editable);
  const [bulkEditing, setBulkEditing] = useState(false);
  const bulkUpdate = useBulkUpdateTickets();
  const updateTicket = useUpdateTicket();
  const sayBulkResult = useBulkResultMessage();
  const bulk = (changes: Parameters<typeof bulkUpdate.mutateAsync>[0]['changes']) =>
    bulkUpdate.mutateAsync({ ids: selected, changes }).then((result) => {
      setSelected([]);
      return result;
    });
  const { message } = App.useApp();
  const sayBulkError = (error: unknown) => void message.error(error instanceof Error ? error.message : String(error));
  const quick = (changes: Parameters<typeof bulk>[0]) => void bulk(changes).then(sayBulkResult, sayBulkError);
  // Resolving asks for a resolution: it is done on the ticket, not from the list.
  const statusOptions = ticketBulkStatuses
    .filter((s) => s !== 'resolved')
    .map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }));
  const priorityOptions = ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }));
  /** A status chosen in the list moves the ticket by the transition its rules allow, or says why not. */
  const moveTicket = async (id: number, status: string | null) => {
    const result: BulkEditResult = await bulkUpdate.mutateAsync({
      ids: [id],
      changes: { status: status as (typeof ticketBulkStatuses)[number] },
    });
    if (result.rejected.length) throw new Error(result.rejected[0].reason);
  };
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
      <FilterBar
        style={{ marginBottom: 16 }}
        shown={3}
        moreActive={countActive(filters, ['priority', 'breached'])}
        extra={<ListViews view={listView} />}
      >
        <Input.Search
          key={filters.q ?? addressQ}
          defaultValue={filters.q ?? addressQ}
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
      </FilterBar>
      <BulkBar count={selected.length} onClear={() => setSelected([])} style={{ marginBottom: 12 }}>
        <Button icon={<EditOutlined />} onClick={() => setBulkEditing(true)} data-testid="bulk-edit">
          {t('bulk.edit')}
        </Button>
        <UserSelect
          value={null}
          placeholder={t('bulk.assignTo')}
          style={{ width: 160 }}
          onChange={(assigneeId: number) => quick({ assigneeId })}
          data-testid="bulk-assign"
        />
        <Select
          value={null}
          placeholder={t('bulk.setStatus')}
          style={{ width: 140 }}
          options={statusOptions}
          onChange={(status: (typeof ticketBulkStatuses)[number]) => quick({ status })}
          data-testid="bulk-status"
        />
        <Select
          value={null}
          placeholder={t('bulk.setPriority')}
          style={{ width: 120 }}
          options={priorityOptions}
          onChange={(priority: TicketPriority) => quick({ priority })}
          data-testid="bulk-priority"
        />
      </BulkBar>
      <BulkEditDialog
        open={bulkEditing}
        count={selected.length}
        onClose={() => setBulkEditing(false)}
        fields={[
          { name: 'assigneeId', label: t('tickets.fields.assignee'), required: true, input: <UserSelect /> },
          {
            name: 'status',
            label: t('tickets.fields.status'),
            required: true,
            input: <Select options={statusOptions} />,
          },
          {
            name: 'priority',
            label: t('tickets.fields.priority'),
            required: true,
            input: <Select options={priorityOptions} />,
          },
        ]}
        onSave={(changes) => bulk(changes)}
      />
      <PagedTable<Ticket>
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        loading={isFetching}
        empty={t('tickets.empty')}
        data-testid="ticket-table"
        rowSelection={rowSelection}
        {...listView.arrange([
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
            render: (v: Ticket['priority'], r) => (
              <InlineEditCell
                field="priority"
                value={v}
                options={priorityOptions}
                editable={editable && r.status !== 'closed'}
                display={<TicketPriorityTag priority={v} />}
                onSave={(priority) =>
                  updateTicket.mutateAsync({ id: r.id, body: { priority: priority as TicketPriority } })
                }
              />
            ),
          },
          {
            title: t('tickets.fields.status'),
            dataIndex: 'status',
            render: (v: Ticket['status'], r) => (
              <InlineEditCell
                field="status"
                value={v}
                options={[
                  { value: v, label: t(`tickets.statuses.${v}`) },
                  ...statusOptions.filter((o) => o.value !== v),
                ]}
                editable={editable}
                display={<TicketStatusTag status={v} />}
                onSave={(status) => moveTicket(r.id, status)}
              />
            ),
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
        ])}
        onPageChange={(change) => setFilters((f) => ({ ...f, ...change }))}
      />
      <TicketForm open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
