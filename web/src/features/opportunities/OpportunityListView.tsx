import { EditOutlined } from '@ant-design/icons';
import type { Opportunity } from '@relate/common';
import { Button, DatePicker, Input, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { BulkBar } from '../../components/BulkBar';
import { BulkEditDialog, type BulkField } from '../../components/BulkEditDialog';
import { dateValue } from '../../components/forms';
import { useDictionaryOptions } from '../../components/InlineEditCell';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { UserSelect } from '../../components/users';
import { useBulkUpdateOpportunities, useOpportunities, usePipelines } from './queries';
import { useStageLabel } from './StageLabel';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { useListView, useUrlListFilters } from '../../components/useListView';
import { useRowSelection } from '../../components/useRowSelection';

const statusColors: Record<string, string> = { open: 'blue', won: 'green', lost: 'default' };
/** A comma-separated URL parameter as a list; absent or empty, no filter. */
const listParam = (value: string | null) => (value ? value.split(',') : undefined);

export function OpportunityListView() {
  const { t } = useTranslation();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  // The board page's tab (view=list) is where one is, not part of a saved view.
  const listView = useListView<Opportunity>('opportunities', undefined, useUrlListFilters(['view']));
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
  const { can } = useSession();
  const { selected, setSelected, rowSelection } = useRowSelection<Opportunity>(can('opportunities.edit'));
  const [bulkEditing, setBulkEditing] = useState(false);
  const bulkUpdate = useBulkUpdateOpportunities();
  const pipelines = usePipelines();
  const sourceOptions = useDictionaryOptions('customer_source');
  // Each record moves only to a stage of its own pipeline: the others are skipped with the reason.
  const bulkFields: BulkField[] = [
    {
      name: 'stageId',
      label: t('opportunities.fields.stage'),
      required: true,
      input: (
        <Select
          options={(pipelines.data ?? []).map((p) => ({
            label: p.name,
            options: p.stages.map((s) => ({ value: s.id, label: stageLabel(s.code) })),
          }))}
        />
      ),
    },
    { name: 'source', label: t('opportunities.fields.source'), input: <Select allowClear options={sourceOptions} /> },
    {
      name: 'expectedCloseDate',
      label: t('opportunities.fields.expectedCloseDate'),
      input: <DatePicker />,
      toValue: dateValue,
    },
    ...(can('opportunities.assign')
      ? [{ name: 'ownerId', label: t('opportunities.fields.owner'), required: true, input: <UserSelect /> }]
      : []),
  ];
  return (
    <>
      <BulkEditDialog
        open={bulkEditing}
        count={selected.length}
        fields={bulkFields}
        onClose={() => setBulkEditing(false)}
        onSave={(changes) =>
          bulkUpdate.mutateAsync({ ids: selected, changes }).then((result) => {
            setSelected([]);
            return result;
          })
        }
      />
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          allowClear
          placeholder={t('opportunities.searchPlaceholder')}
          defaultValue={q}
          onSearch={(q) => update({ q })}
          style={{ width: 240 }}
        />
      </FilterBar>
      <BulkBar count={selected.length} onClear={() => setSelected([])} style={{ marginBottom: 12 }}>
        <Button icon={<EditOutlined />} onClick={() => setBulkEditing(true)} data-testid="bulk-edit">
          {t('bulk.edit')}
        </Button>
      </BulkBar>
      <PagedTable<Opportunity>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        empty={t('opportunities.empty')}
        onPageChange={update}
        rowSelection={rowSelection}
        {...listView.arrange([
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
        ])}
      />
    </>
  );
}
