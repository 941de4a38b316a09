import type { Followup } from '@relate/common';
import { Card, DatePicker, Empty, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { UserSelect } from '../../components/users';
import { useFollowups } from './queries';
import { ListTotal } from '../../components/ListTotal';

/** Follow-ups of the people in the caller's scope, newest first, with filters kept in the URL. */
export function FollowupListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
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
  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const { data, isFetching } = useFollowups({
    ...filters,
    type: filters.type?.split(','),
    ownerId: filters.ownerId?.split(',').map(Number),
  });

  return (
    <Card title={t('nav.followups')}>
      <Space wrap style={{ marginBottom: 16 }}>
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
      </Space>
      <Table<Followup>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('followups.empty')} /> }}
        columns={[
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
        ]}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => <ListTotal total={total} capped={data?.totalCapped} />,
        }}
        onChange={(pagination, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          update({
            page: pagination.current,
            pageSize: pagination.pageSize,
            sort: s?.order ? `${String(s.field)}:${s.order === 'ascend' ? 'asc' : 'desc'}` : undefined,
          });
        }}
      />
    </Card>
  );
}
