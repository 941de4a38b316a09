import { EditOutlined, PlusOutlined, TagsOutlined, UploadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { type Customer, type RfmClass, rfmClasses } from '@relate/common';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { BulkBar, BulkDeleteButton } from '../../components/BulkBar';
import { AddToCampaignButton } from '../campaigns/AddToCampaignButton';
import { AddToSegmentButton } from '../segments/AddToSegmentButton';
import { BulkEditDialog } from '../../components/BulkEditDialog';
import { ExportButton } from '../../components/ExportButton';
import { InlineEditCell, useDictionaryOptions } from '../../components/InlineEditCell';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { DepartmentSelect, UserSelect } from '../../components/users';
import { type BulkResult, type CustomerFilters, exportCustomers } from './api';
import { CustomerForm } from './CustomerForm';
import { foldedFilters, moreCustomerColumns } from './customer-view-columns';
import {
  useAssignCustomers,
  useBulkUpdateCustomers,
  useCustomers,
  useDeleteCustomers,
  useTagCustomers,
  useUpdateCustomer,
} from './queries';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { countActive, useListView } from '../../components/useListView';
import { useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { useRowSelection } from '../../components/useRowSelection';

/** The list's filters as URL parameters (saved filters hold these too). */
const filterKeys = [
  'count',
  'q',
  'level',
  'stage',
  'industry',
  'source',
  'ownerId',
  'departmentId',
  'province',
  'city',
  'district',
  'tags',
  'createdFrom',
  'createdTo',
  'lastFollowupFrom',
  'lastFollowupTo',
  'rfmClass',
];

/** Filters live in the URL so a list can be bookmarked, shared and restored with the back button. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const text = (key: string) => params.get(key) || undefined;
  const list = (key: string) => text(key)?.split(',');
  const filters: CustomerFilters = {
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    sort: text('sort'),
    count: text('count') === 'exact' ? 'exact' : undefined,
    q: text('q'),
    level: list('level'),
    stage: list('stage'),
    industry: list('industry'),
    source: list('source'),
    ownerId: list('ownerId')?.map(Number),
    departmentId: list('departmentId')?.map(Number),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    tags: list('tags'),
    createdFrom: text('createdFrom'),
    createdTo: text('createdTo'),
    lastFollowupFrom: text('lastFollowupFrom'),
    lastFollowupTo: text('lastFollowupTo'),
    // Opened from the customer value page; an unknown class is left out rather than refused.
    rfmClass: list('rfmClass')?.filter((name): name is RfmClass => (rfmClasses as readonly string[]).includes(name)),
  };
  const filterParams = Object.fromEntries(
    filterKeys.filter((key) => params.get(key)).map((key) => [key, params.get(key)!]),
  );
  const update = (changes: Record<string, unknown>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      const text = Array.isArray(value) ? value.join(',') : value === undefined || value === null ? '' : String(value);
      if (text) next.set(key, text);
      else next.delete(key);
    }
    if (resetPage && !('page' in changes)) next.delete('page');
    // An exact count of a long list is asked for once, for the filters on screen.
    if (resetPage && !('count' in changes)) next.delete('count');
    setParams(next);
  };
  return {
    filters,
    filterParams,
    update,
    setAll: (values: Record<string, string>) => setParams(new URLSearchParams(values)),
  };
}

export function CustomerListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.customers'));
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const { filters, filterParams, update } = useFilters();
  const { data, isFetching } = useCustomers(filters);
  const { selected, setSelected, rowSelection } = useRowSelection<Customer>(
    can('customers.edit') || can('customers.delete') || can('campaigns.manage'),
  );
  const [creating, setCreating] = useState(() => new URLSearchParams(window.location.search).get('new') === '1');
  const assignDialog = useSaveDialog();
  const tagsDialog = useSaveDialog();
  const assign = useAssignCustomers();
  const tag = useTagCustomers();
  const remove = useDeleteCustomers();
  const bulkDone = (result: BulkResult) => {
    message.success(t('customers.bulkDone', { count: result.affected }));
    setSelected([]);
  };
  const [bulkEditing, setBulkEditing] = useState(false);
  const bulkUpdate = useBulkUpdateCustomers();
  const updateCustomer = useUpdateCustomer();
  const options = {
    level: useDictionaryOptions('customer_level'),
    creditLevel: useDictionaryOptions('credit_level'),
    stage: useDictionaryOptions('customer_stage'),
    industry: useDictionaryOptions('industry'),
    source: useDictionaryOptions('customer_source'),
  };
  /** Simple fields are edited where they stand, through the customer's own update (its checks and audit). */
  const inlineFields: Record<string, 'text' | keyof typeof options> = {
    level: 'level',
    stage: 'stage',
    industry: 'industry',
    phone: 'text',
  };
  const editInPlace = (column: NonNullable<TableProps<Customer>['columns']>[number]) => {
    const field = 'dataIndex' in column ? String(column.dataIndex) : '';
    const kind = inlineFields[field];
    if (!kind || !can('customers.edit')) return column;
    const render = column.render;
    return {
      ...column,
      render: (value: string | null, row: Customer, index: number) => (
        <InlineEditCell
          field={field}
          value={value}
          options={kind === 'text' ? undefined : options[kind]}
          editable={field in row}
          display={render ? (render(value, row, index) as ReactNode) : undefined}
          onSave={(next) => updateCustomer.mutateAsync({ id: row.id, body: { [field]: next } })}
        />
      ),
    };
  };

  const sortOrder = (field: string) =>
    filters.sort === `${field}:asc` ? 'ascend' : filters.sort === `${field}:desc` ? 'descend' : null;
  const columns: TableProps<Customer>['columns'] = [
    {
      title: t('customers.fields.code'),
      dataIndex: 'code',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('code'),
      responsive: ['md'],
    },
    {
      title: t('customers.fields.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => <Link to={`/customers/${row.id}`}>{name}</Link>,
    },
    {
      title: t('customers.fields.level'),
      dataIndex: 'level',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('level'),
      render: (code) => <DictionaryTag type="customer_level" code={code} />,
    },
    {
      title: t('customers.fields.stage'),
      dataIndex: 'stage',
      width: 120,
      responsive: ['md'],
      render: (code) => <DictionaryTag type="customer_stage" code={code} />,
    },
    {
      title: t('customers.fields.city'),
      dataIndex: 'city',
      width: 110,
      responsive: ['lg'],
      render: (_, row) => [row.province, row.city].filter(Boolean).join(' / '),
    },
    {
      title: t('customers.fields.tags'),
      dataIndex: 'tags',
      responsive: ['lg'],
      render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
    { title: t('customers.fields.owner'), dataIndex: 'ownerName', width: 110, responsive: ['md'] },
    {
      title: t('customers.fields.updatedAt'),
      dataIndex: 'updatedAt',
      width: 160,
      sorter: true,
      sortOrder: filters.sort ? sortOrder('updatedAt') : 'descend',
      responsive: ['sm'],
      render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm'),
    },
    // Offered by the column chooser, not shown until chosen.
    ...moreCustomerColumns(t, sortOrder),
  ];
  const view = useListView('customers', columns?.map(editInPlace));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.customers')}
        </Typography.Title>
        <Space wrap>
          {can('customers.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/imports/customers')}>
              {t('imports.import')}
            </Button>
          )}
          {can('customers.export') && <ExportButton onExport={(format) => exportCustomers(filters, format)} />}
          {can('customers.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <FilterBar shown={3} moreActive={countActive(filterParams, foldedFilters)} extra={<ListViews view={view} />}>
          <Input.Search
            allowClear
            placeholder={t('customers.searchPlaceholder')}
            defaultValue={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            style={{ width: 260 }}
            aria-label={t('common.search')}
          />
          <DictionarySelect
            type="customer_level"
            mode="multiple"
            placeholder={t('customers.fields.level')}
            value={filters.level}
            onChange={(v) => update({ level: v })}
            style={{ minWidth: 140 }}
          />
          <DictionarySelect
            type="customer_stage"
            mode="multiple"
            placeholder={t('customers.fields.stage')}
            value={filters.stage}
            onChange={(v) => update({ stage: v })}
            style={{ minWidth: 140 }}
          />
          <DictionarySelect
            type="industry"
            mode="multiple"
            placeholder={t('customers.fields.industry')}
            value={filters.industry}
            onChange={(v) => update({ industry: v })}
            style={{ minWidth: 140 }}
          />
          <DictionarySelect
            type="customer_source"
            mode="multiple"
            placeholder={t('customers.fields.source')}
            value={filters.source}
            onChange={(v) => update({ source: v })}
            style={{ minWidth: 140 }}
          />
          <UserSelect
            mode="multiple"
            placeholder={t('customers.fields.owner')}
            value={filters.ownerId}
            onChange={(v) => update({ ownerId: v })}
            style={{ minWidth: 160 }}
          />
          {can('org.view') && (
            <DepartmentSelect
              multiple
              placeholder={t('users.department')}
              value={filters.departmentId}
              onChange={(v) => update({ departmentId: v as number[] })}
              style={{ minWidth: 160 }}
            />
          )}
          <RegionCascader
            byName
            placeholder={t('customers.fields.region')}
            value={[filters.province, filters.city, filters.district].filter(Boolean) as string[]}
            onChange={(v) => update({ province: v?.[0], city: v?.[1], district: v?.[2] })}
            style={{ minWidth: 180 }}
          />
          <Select
            mode="tags"
            placeholder={t('customers.fields.tags')}
            value={filters.tags}
            onChange={(v) => update({ tags: v })}
            style={{ minWidth: 140 }}
            open={false}
          />
          <DatePicker.RangePicker
            placeholder={[t('customers.createdFrom'), t('customers.createdTo')]}
            value={
              filters.createdFrom ? [dayjs(filters.createdFrom), dayjs(filters.createdTo ?? filters.createdFrom)] : null
            }
            onChange={(range) =>
              update({ createdFrom: range?.[0]?.format('YYYY-MM-DD'), createdTo: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
          <DatePicker.RangePicker
            placeholder={[t('customers.lastFollowupFrom'), t('customers.lastFollowupTo')]}
            value={
              filters.lastFollowupFrom
                ? [dayjs(filters.lastFollowupFrom), dayjs(filters.lastFollowupTo ?? filters.lastFollowupFrom)]
                : null
            }
            onChange={(range) =>
              update({
                lastFollowupFrom: range?.[0]?.format('YYYY-MM-DD'),
                lastFollowupTo: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </FilterBar>
        {filters.rfmClass?.length ? (
          <Space wrap style={{ marginTop: 8 }} data-testid="rfm-class-filter">
            {filters.rfmClass.map((name) => (
              <Tag
                key={name}
                closable
                onClose={() => update({ rfmClass: filters.rfmClass!.filter((other) => other !== name) })}
              >
                {t('customerValue.filterTag', { name: t(`customerValue.classes.${name}`) })}
              </Tag>
            ))}
          </Space>
        ) : null}
      </Card>
      <BulkBar count={selected.length} onClear={() => setSelected([])}>
        {can('customers.edit') && (
          <Button icon={<EditOutlined />} onClick={() => setBulkEditing(true)} data-testid="bulk-edit">
            {t('bulk.edit')}
          </Button>
        )}
        {can('customers.assign') && (
          <Button icon={<UserSwitchOutlined />} onClick={assignDialog.openNew}>
            {t('customers.assignOwner')}
          </Button>
        )}
        {can('customers.edit') && (
          <Button icon={<TagsOutlined />} onClick={tagsDialog.openNew}>
            {t('customers.editTags')}
          </Button>
        )}
        <AddToCampaignButton entity="customers" ids={selected} onAdded={() => setSelected([])} />
        <AddToSegmentButton entity="customers" ids={selected} onAdded={() => setSelected([])} />
        {can('customers.delete') && (
          <BulkDeleteButton
            title={t('customers.deleteConfirm', { count: selected.length })}
            onConfirm={() => remove.mutateAsync(selected).then(bulkDone)}
          />
        )}
      </BulkBar>
      <BulkEditDialog
        open={bulkEditing}
        count={selected.length}
        onClose={() => setBulkEditing(false)}
        fields={(['level', 'creditLevel', 'stage', 'industry', 'source'] as const).map((name) => ({
          name,
          label: t(`customers.fields.${name}`),
          input: <Select allowClear options={options[name]} />,
        }))}
        onSave={(changes) =>
          bulkUpdate.mutateAsync({ ids: selected, changes }).then((result) => {
            setSelected([]);
            return result;
          })
        }
      />
      <PagedTable<Customer>
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        pageSizeOptions={[20, 50, 100, 200]}
        loading={isFetching}
        {...view.table}
        rowSelection={rowSelection}
        empty={Object.keys(filterParams).length ? t('common.noMatches') : t('customers.empty')}
        onPageChange={(change) => update(change, false)}
        onCountExactly={() => update({ count: 'exact' }, false)}
      />
      <CustomerForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/customers/${c.id}`)}
      />
      <SaveDialog
        dialog={assignDialog}
        title={t('customers.assignOwner')}
        onSave={(v: { ownerId: number }) => assign.mutateAsync({ ids: selected, ownerId: v.ownerId }).then(bulkDone)}
        savedMessage={false}
      >
        <Form.Item name="ownerId" label={t('customers.fields.owner')} rules={required.value}>
          <UserSelect />
        </Form.Item>
      </SaveDialog>
      <SaveDialog
        dialog={tagsDialog}
        title={t('customers.editTags')}
        onSave={(v: { add?: string[]; remove?: string[] }) =>
          tag.mutateAsync({ ids: selected, add: v.add ?? [], remove: v.remove ?? [] }).then(bulkDone)
        }
        savedMessage={false}
      >
        <Form.Item name="add" label={t('customers.addTags')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="remove" label={t('customers.removeTags')}>
          <Select mode="tags" open={false} />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
