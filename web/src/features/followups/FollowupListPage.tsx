import type { Followup } from '@relate/common';
import { Card, DatePicker, Input, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { PagedTable } from '../../components/PagedTable';
import { useListView } from '../../components/useListView';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { UserSelect } from '../../components/users';
import { useFollowups } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** Follow-ups of the people in the caller's scope, newest first, with filters kept in the URL. */
export function FollowupListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.followups'));
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const filters = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    q: params.get('q') ?? undefined,
    type: params.get('type') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    sort: params.get('sort') ?? undefined,
  };
  const { data, isFetching } = useFollowups({
    ...filters,
    type: filters.type?.split(','),
    ownerId: filters.ownerId?.split(',').map(Number),
  });

  const columns: TableColumnsType<Followup> = [
    {
      title: t('followups.fields.occurredAt'),
      dataIndex: 'occurredAt',
      sorter: true,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('followups.fields.type'),
      dataIndex: 'type',
      render: (v: string) => <DictionaryTag type="followup_type" code={v} />,
    },
    {
      title: t('followups.fields.about'),
      key: 'about',
      render: (_, f) =>
        f.customerId ? (
          <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link>
        ) : f.leadId ? (
          <Link to={`/leads/${f.leadId}`}>{f.leadName}</Link>
        ) : (
          '-'
        ),
    },
    {
      title: t('followups.fields.content'),
      dataIndex: 'content',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 420 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('followups.fields.nextFollowupAt'),
      dataIndex: 'nextFollowupAt',
      sorter: true,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '-'),
    },
    { title: t('followups.fields.owner'), dataIndex: 'ownerName' },
  ];
  const listView = useListView('followups', columns);
  return (
    <Card title={t('nav.followups')}>
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          allowClear
          placeholder={t('followups.searchPlaceholder')}
          defaultValue={filters.q}
          onSearch={(q) => update({ q })}
          style={{ width: 240 }}
        />
        <DictionarySelect
          type="followup_type"
          placeholder={t('followups.fields.type')}
          value={filters.type}
          onChange={(type) => update({ type: type as string })}
          style={{ width: 140 }}
        />
        <UserSelect
          placeholder={t('followups.fields.owner')}
          value={filters.ownerId ? Number(filters.ownerId) : undefined}
          onChange={(ownerId) => update({ ownerId: ownerId as number })}
          allowClear
          style={{ width: 160 }}
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </FilterBar>
      <PagedTable<Followup>
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        loading={isFetching}
        empty={t('followups.empty')}
        onPageChange={update}
        {...listView.table}
      />
    </Card>
  );
}
