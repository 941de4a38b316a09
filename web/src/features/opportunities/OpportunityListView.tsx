import type { Opportunity } from '@relate/common';
import { Empty, Input, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMoney } from '../../components/money';
import { useOpportunities } from './queries';
import { useStageLabel } from './StageLabel';
import { ListTotal } from '../../components/ListTotal';

const statusColors: Record<string, string> = { open: 'blue', won: 'green', lost: 'default' };
/** A comma-separated URL parameter as a list; absent or empty, no filter. */
const listParam = (value: string | null) => (value ? value.split(',') : undefined);

export function OpportunityListView() {
  const { t } = useTranslation();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const q = params.get('q') || undefined;
  const { data, isFetching } = useOpportunities({
    q,
    stageId: listParam(params.get('stageId'))?.map(Number),
    status: listParam(params.get('status')),
    sort: params.get('sort') || undefined,
    customerId: Number(params.get('customerId')) || undefined,
    page,
    pageSize,
  });
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('opportunities.searchPlaceholder')}
          defaultValue={q}
          onSearch={(q) => update({ q })}
          style={{ width: 240 }}
        />
      </Space>
      <Table<Opportunity>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('opportunities.empty')} /> }}
        columns={[
          {
            title: t('opportunities.fields.name'),
            dataIndex: 'name',
            sorter: true,
            render: (v: string, o) => <Link to={`/opportunities/${o.id}`}>{v}</Link>,
          },
          {
            title: t('opportunities.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, o) => <Link to={`/customers/${o.customerId}`}>{v}</Link>,
          },
          {
            title: t('opportunities.fields.stage'),
            dataIndex: 'stageCode',
            render: (code: string, o) => <Tag color={statusColors[o.status]}>{stageLabel(code)}</Tag>,
          },
          {
            title: t('opportunities.fields.amount'),
            dataIndex: 'amount',
            sorter: true,
            align: 'right',
            render: (v: string | null, o) => money(v, o.currency),
          },
          {
            title: t('opportunities.fields.probability'),
            dataIndex: 'probability',
            sorter: true,
            render: (v: number) => `${v}%`,
          },
          {
            title: t('opportunities.fields.expectedCloseDate'),
            dataIndex: 'expectedCloseDate',
            sorter: true,
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '-'),
          },
          { title: t('opportunities.fields.owner'), dataIndex: 'ownerName' },
        ]}
        pagination={{
          current: page,
          pageSize,
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
    </>
  );
}
