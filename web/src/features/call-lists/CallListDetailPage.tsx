import { type CallEntry, type CallList, callEntryStatuses } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { DeleteButton } from '../../components/DeleteButton';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { FilterBar } from '../../components/FilterBar';
import { useErrorReporter } from '../../components/forms';
import { PagedTable } from '../../components/PagedTable';
import { PhoneLink } from '../../components/PhoneLink';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordNotFound } from '../../components/RecordNotFound';
import { useSaveDialog } from '../../components/SaveDialog';
import { usePageTitle } from '../../components/usePageTitle';
import { useUsers } from '../../components/users';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { CallListAssignDialog, CallListEditDialog } from './CallListDialogs';
import { CallListStatusTag, progressOf } from './CallListStatusTag';
import { useCallList, useCallListEntries, useDeleteCallList, useRefreshCallList, useUpdateCallList } from './queries';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '-');

/** The list's figures: how far it got, what waits, how many calls reached someone. */
function Figures({ list }: { list: CallList }) {
  const { t } = useTranslation();
  const progress = progressOf(list);
  const figures = ['entries', 'open', 'due', 'done', 'exhausted', 'skipped', 'attempts', 'reached'] as const;
  return (
    <Card data-testid="call-list-figures">
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} md={6}>
          <Progress type="circle" percent={progress.percent} size={88} />
          <div style={{ marginTop: 8 }} data-testid="call-list-progress">
            {t('callLists.fields.progress')}: {progress.finished}/{progress.total}
          </div>
        </Col>
        {figures.map((figure) => (
          <Col xs={12} md={4} lg={3} key={figure}>
            <Statistic
              title={t(`callLists.figures.${figure}`)}
              value={list.counts[figure]}
              valueRender={(node) => <span data-testid={`call-list-count-${figure}`}>{node}</span>}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The list's entries, filtered by status, agent and last outcome, searched, sorted and paged on the server. */
function Entries({ list }: { list: CallList }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const status = (params.get('status') || undefined) as CallEntry['status'] | undefined;
  const agentId = params.get('agentId') ? Number(params.get('agentId')) : undefined;
  const outcome = params.get('outcome') || undefined;
  const q = params.get('q') || undefined;
  const sort = params.get('sort') || undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useCallListEntries(list.id, { status, agentId, outcome, q, sort, page, pageSize });
  const sortOrder = (field: string) =>
    sort === `${field}:asc` ? ('ascend' as const) : sort === `${field}:desc` ? ('descend' as const) : null;
  const sortable = (field: string) => ({ key: field, dataIndex: field, sorter: true, sortOrder: sortOrder(field) });
  const agents = [...new Set(list.agentIds)];
  const columns: TableColumnsType<CallEntry> = [
    {
      title: t('callLists.entries.name'),
      ...sortable('name'),
      render: (v: string, e) => (e.leadId ? <Link to={`/leads/${e.leadId}`}>{v}</Link> : v),
    },
    {
      title: t('callLists.entries.customer'),
      dataIndex: 'customerName',
      render: (v: string | null, e) => (v && e.customerId ? <Link to={`/customers/${e.customerId}`}>{v}</Link> : '-'),
    },
    { title: t('callLists.entries.phone'), dataIndex: 'phone', render: (v: string | null) => <PhoneLink number={v} /> },
    { title: t('callLists.entries.agent'), dataIndex: 'agentName', render: (v: string | null) => v ?? '-' },
    {
      title: t('callLists.entries.status'),
      ...sortable('status'),
      render: (v: CallEntry['status'], e) => (
        <Space size={4}>
          <Tag>{t(`callLists.entryStatuses.${v}`)}</Tag>
          {e.skipReason && (
            <Typography.Text type="secondary">
              {t(`callLists.skipReasons.${e.skipReason}`, { defaultValue: e.skipReason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('callLists.entries.attempts'), ...sortable('attempts'), align: 'right' },
    {
      title: t('callLists.entries.lastOutcome'),
      ...sortable('lastOutcome'),
      render: (v: string | null) => (v ? <DictionaryTag type="call_outcome" code={v} /> : '-'),
    },
    { title: t('callLists.entries.lastAttemptAt'), ...sortable('lastAttemptAt'), render: when },
    { title: t('callLists.entries.nextCallAt'), ...sortable('nextCallAt'), render: when },
  ];
  return (
    <Card title={t('callLists.entries.title')}>
      <FilterBar style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('callLists.entries.search')}
          onSearch={(v) => update({ q: v, page: undefined })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t('callLists.entries.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => update({ status: v, page: undefined })}
          options={callEntryStatuses.map((s) => ({ value: s, label: t(`callLists.entryStatuses.${s}`) }))}
          data-testid="call-entry-status-filter"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('callLists.entries.agent')}
          style={{ width: 180 }}
          value={agentId}
          onChange={(v?: number) => update({ agentId: v, page: undefined })}
          options={(users.data?.items ?? [])
            .filter((u) => agents.includes(u.id) || u.id === agentId || list.assignment === 'owner')
            .map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <DictionarySelect
          type="call_outcome"
          placeholder={t('callLists.entries.lastOutcome')}
          style={{ width: 160 }}
          value={outcome}
          onChange={(v?: string) => update({ outcome: v, page: undefined })}
          data-testid="call-entry-outcome-filter"
        />
      </FilterBar>
      <PagedTable<CallEntry>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('callLists.entries.empty')}
        onPageChange={(change) =>
          update({ page: change.page, pageSize: change.pageSize, sort: 'sort' in change ? change.sort : sort })
        }
        data-testid="call-entry-list"
      />
    </Card>
  );
}

/** 外呼名单: one list's progress, settings and entries; refreshed, re-assigned, paused, closed or deleted. */
export function CallListDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: list, isLoading, error } = useCallList(id);
  usePageTitle(list?.name, t('callLists.title'));
  const edit = useSaveDialog<CallList>();
  const reassign = useSaveDialog<CallList>();
  const refresh = useRefreshCallList(id);
  const update = useUpdateCallList(id);
  const remove = useDeleteCallList();
  const users = useUsers();
  const reportError = useErrorReporter();
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !list) return <RecordNotFound error={error} backTo="/call-lists" />;
  const manage = can('callLists.manage');
  const setStatus = (status: CallList['status']) =>
    update.mutate({ status }, { onSuccess: () => void message.success(t('common.saved')), onError: reportError });
  const userName = (userId: number) => users.data?.items.find((u) => u.id === userId)?.displayName ?? `#${userId}`;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={list.name}
          tags={
            <>
              <CallListStatusTag status={list.status} />
              <Tag>{t(`callLists.purposes.${list.purpose}`)}</Tag>
              <Tag>{t(`callLists.sources.${list.sourceKind}`, { defaultValue: list.sourceKind })}</Tag>
            </>
          }
          actions={
            <>
              {can('calls.view') && list.status === 'active' && (
                <Button type="primary" onClick={() => void navigate(`/my-calls?listId=${list.id}`)}>
                  {t('callLists.work')}
                </Button>
              )}
              {manage && (
                <>
                  <Button onClick={() => edit.openEdit(list)} data-testid="call-list-edit">
                    {t('common.edit')}
                  </Button>
                  {list.status !== 'closed' && (
                    <Button
                      loading={refresh.isPending}
                      data-testid="call-list-refresh"
                      onClick={() =>
                        refresh.mutate(undefined, {
                          onSuccess: (result) =>
                            void message.success(
                              t('callLists.refreshed', { added: result.added, skipped: result.skipped }),
                            ),
                          onError: reportError,
                        })
                      }
                    >
                      {t('callLists.refresh')}
                    </Button>
                  )}
                  {list.status !== 'closed' && (
                    <Button onClick={() => reassign.openEdit(list)} data-testid="call-list-reassign">
                      {t('callLists.reassign')}
                    </Button>
                  )}
                  {list.status === 'active' && (
                    <Button onClick={() => setStatus('paused')}>{t('callLists.pause')}</Button>
                  )}
                  {list.status === 'paused' && (
                    <Button onClick={() => setStatus('active')}>{t('callLists.resume')}</Button>
                  )}
                  {list.status !== 'closed' && (
                    <Popconfirm title={t('callLists.closeConfirm')} onConfirm={() => setStatus('closed')}>
                      <Button>{t('callLists.close')}</Button>
                    </Popconfirm>
                  )}
                  <DeleteButton
                    testId="call-list-delete"
                    onConfirm={() =>
                      remove
                        .mutateAsync(list.id)
                        .then(() => {
                          void message.success(t('common.deleted'));
                          void navigate('/call-lists');
                        })
                        .catch(reportError)
                    }
                  />
                </>
              )}
            </>
          }
        />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('callLists.fields.source')}>
            {t(`callLists.sources.${list.sourceKind}`, { defaultValue: list.sourceKind })}
            {Object.entries(list.sourceParams).map(([name, value]) => (
              <span key={name}>
                {' · '}
                {t(`callLists.params.${name}`, { defaultValue: name })}: {String(value)}
              </span>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.callingHours')}>
            {list.callingStart}–{list.callingEnd}
          </Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.assignment')}>
            {t(`callLists.assignments.${list.assignment}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.agents')}>
            {list.agentIds.map(userName).join('、') || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.maxAttempts')}>{list.maxAttempts}</Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.retryMinutes')}>{list.retryMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.owner')}>{list.ownerName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.createdAt')}>{when(list.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('callLists.fields.script')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {list.script || '-'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Figures list={list} />
      <Entries list={list} />
      <CallListEditDialog dialog={edit} list={list} />
      <CallListAssignDialog dialog={reassign} list={list} />
    </Space>
  );
}
