import type { Opportunity } from '@relate/common';
import { Input, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useOpportunities } from './queries';
import { useStageLabel } from './StageLabel';

const statusColors: Record<string, string> = { open: 'blue', won: 'green', lost: 'default' };
/** A comma-separated URL parameter as a list; absent or empty, no filter. */
const listParam = (value: string | null) => (value ? value.split(',') : undefined);

export function OpportunityListView() {
  const { t } = useTranslation();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [params, update] = useSearchParamsUpdate({ replace: true });
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
      <PagedTable<Opportunity>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        empty={t('opportunities.empty')}
        onPageChange={update}
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
      />
    </>
  );
}
