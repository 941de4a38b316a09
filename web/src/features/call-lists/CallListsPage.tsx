import { type CallList, callListPurposes, callListStatuses } from '@relate/common';
import { Button, Card, Input, Progress, Select, Space, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useUsers } from '../../components/users';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { CallListStatusTag, progressOf } from './CallListStatusTag';
import { useCallLists } from './queries';

/** 外呼名单: the call lists in the user's scope with their source, status, progress and agents. */
export function CallListsPage() {
  const { t } = useTranslation();
  usePageTitle(t('callLists.title'));
  const { can } = useSession();
  const navigate = useNavigate();
  const users = useUsers();
  const userName = (id: number) => users.data?.items.find((u) => u.id === id)?.displayName ?? `#${id}`;
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const q = params.get('q') || undefined;
  const status = (params.get('status') || undefined) as CallList['status'] | undefined;
  const purpose = (params.get('purpose') || undefined) as CallList['purpose'] | undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useCallLists({ q, status, purpose, page, pageSize });
  const columns: TableColumnsType<CallList> = [
    {
      title: t('callLists.fields.name'),
      dataIndex: 'name',
      render: (v: string, list) => <Link to={`/call-lists/${list.id}`}>{v}</Link>,
    },
    {
      title: t('callLists.fields.source'),
      dataIndex: 'sourceKind',
      render: (v: string, list) => (
        <Space direction="vertical" size={0}>
          <span>{t(`callLists.sources.${v}`, { defaultValue: v })}</span>
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t(`callLists.purposes.${list.purpose}`)}</span>
        </Space>
      ),
    },
    {
      title: t('callLists.fields.status'),
      dataIndex: 'status',
      render: (v: CallList['status']) => <CallListStatusTag status={v} />,
    },
    {
      title: t('callLists.fields.progress'),
      key: 'progress',
      render: (_: unknown, list) => {
        const progress = progressOf(list);
        return (
          <Space data-testid="call-list-progress">
            <Progress percent={progress.percent} size="small" style={{ width: 100, margin: 0 }} showInfo={false} />
            <span>
              {progress.finished}/{progress.total}
            </span>
          </Space>
        );
      },
    },
    {
      title: t('callLists.fields.agents'),
      dataIndex: 'agentIds',
      render: (ids: number[], list) =>
        list.assignment === 'owner' ? t('callLists.assignments.owner') : ids.map(userName).join('、') || '-',
    },
    { title: t('callLists.fields.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '-' },
    {
      title: t('callLists.fields.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];
  return (
    <Card
      title={t('callLists.title')}
      extra={
        <Space>
          {can('calls.view') && <Button onClick={() => void navigate('/my-calls')}>{t('nav.myCalls')}</Button>}
          {can('callLists.manage') && (
            <NewButton onClick={() => void navigate('/call-lists/new')} data-testid="call-list-new">
              {t('callLists.new')}
            </NewButton>
          )}
        </Space>
      }
    >
      <FilterBar style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('callLists.searchPlaceholder')}
          onSearch={(v) => update({ q: v })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('callLists.fields.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => update({ status: v })}
          options={callListStatuses.map((s) => ({ value: s, label: t(`callLists.statuses.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('callLists.fields.purpose')}
          style={{ width: 160 }}
          value={purpose}
          onChange={(v?: string) => update({ purpose: v })}
          options={callListPurposes.map((p) => ({ value: p, label: t(`callLists.purposes.${p}`) }))}
        />
      </FilterBar>
      <PagedTable<CallList>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        columns={columns}
        empty={q || status || purpose ? t('common.noMatches') : t('callLists.empty')}
        onPageChange={(change) => update({ page: change.page, pageSize: change.pageSize })}
        data-testid="call-list-list"
      />
    </Card>
  );
}
