import { ApartmentOutlined, EditOutlined, PlusOutlined, UploadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  assignMethods,
  type Body,
  type Lead,
  type LeadAssignInput,
  type LeadQuery,
  leadStatuses,
  type QueryOf,
} from '@relate/common';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { BulkBar, BulkDeleteButton } from '../../components/BulkBar';
import { AddToCampaignButton } from '../campaigns/AddToCampaignButton';
import { AddToSegmentButton } from '../segments/AddToSegmentButton';
import { BulkEditDialog } from '../../components/BulkEditDialog';
import { ExportButton } from '../../components/ExportButton';
import { useDictionaryOptions } from '../../components/InlineEditCell';
import { PagedTable } from '../../components/PagedTable';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { DepartmentSelect, UserSelect } from '../../components/users';
import { leadsApi } from './api';
import { LeadForm } from './LeadForm';
import { LeadStatusTag } from './LeadStatusTag';
import { useAssignLeads, useBulkUpdateLeads, useDeleteLeads, useLeads } from './queries';
import { useAssignLeadsByRules } from '../web-forms/queries';
import { useRequired } from '../../components/forms';
import { PhoneLink } from '../../components/PhoneLink';
import { usePageTitle } from '../../components/usePageTitle';
import { FilterBar } from '../../components/FilterBar';
import { ListViews } from '../../components/ListViews';
import { useListView } from '../../components/useListView';
import { useRowSelection } from '../../components/useRowSelection';

type AssignValues = Omit<Body<typeof LeadAssignInput>, 'ids'>;
const filterNames = ['q', 'status', 'source', 'ownerId', 'scoreMin', 'scoreMax', 'sort'] as const;

/** Leads in the caller's scope with filters in the URL, bulk assignment and deletion. */
export function LeadListPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.leads'));
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, update] = useSearchParamsUpdate();
  const filters: Partial<Record<(typeof filterNames)[number], string>> = Object.fromEntries(
    filterNames.filter((k) => params.get(k)).map((k) => [k, params.get(k)!]),
  );
  const query: QueryOf<typeof LeadQuery> = {
    q: filters.q,
    status: filters.status?.split(','),
    source: filters.source?.split(','),
    ownerId: filters.ownerId?.split(',').map(Number),
    scoreMin: filters.scoreMin ? Number(filters.scoreMin) : undefined,
    scoreMax: filters.scoreMax ? Number(filters.scoreMax) : undefined,
    sort: filters.sort,
  };
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useLeads({ ...query, page, pageSize });
  const { selected, setSelected, rowSelection } = useRowSelection<Lead>(
    can('leads.edit') || can('leads.assign') || can('leads.delete') || can('campaigns.manage'),
  );
  const [creating, setCreating] = useState(() => new URLSearchParams(window.location.search).get('new') === '1');
  const assignDialog = useSaveDialog<never>();
  const [assignForm] = Form.useForm<AssignValues>();
  const assign = useAssignLeads();
  const assignByRules = useAssignLeadsByRules();
  const remove = useDeleteLeads();
  const method = Form.useWatch('method', assignForm) ?? 'manual';
  const [bulkEditing, setBulkEditing] = useState(false);
  const bulkUpdate = useBulkUpdateLeads();
  const sourceOptions = useDictionaryOptions('customer_source');
  const industryOptions = useDictionaryOptions('industry');
  const sortOrder = (field: string) =>
    filters.sort === `${field}:asc` ? 'ascend' : filters.sort === `${field}:desc` ? 'descend' : null;

  const columns: TableProps<Lead>['columns'] = [
    {
      title: t('leads.fields.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => <Link to={`/leads/${row.id}`}>{name}</Link>,
    },
    {
      title: t('leads.fields.company'),
      dataIndex: 'company',
      sorter: true,
      sortOrder: sortOrder('company'),
      responsive: ['md'],
    },
    {
      title: t('leads.fields.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: string) => <LeadStatusTag status={status} />,
    },
    {
      title: t('leads.fields.score'),
      dataIndex: 'score',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('score'),
      responsive: ['md'],
    },
    {
      title: t('leads.fields.source'),
      dataIndex: 'source',
      width: 120,
      responsive: ['lg'],
      render: (code: string | null) => <DictionaryTag type="customer_source" code={code} />,
    },
    {
      title: t('leads.fields.mobile'),
      dataIndex: 'mobile',
      responsive: ['lg'],
      render: (mobile: string | null) => <PhoneLink number={mobile} empty={null} />,
    },
    {
      title: t('leads.fields.owner'),
      dataIndex: 'ownerName',
      width: 110,
      responsive: ['md'],
      render: (v: string | null) => v ?? <Tag>{t('leads.unassigned')}</Tag>,
    },
    {
      title: t('leads.fields.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      responsive: ['sm'],
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];
  const listView = useListView('leads', columns);

  const submitAssign = async (values: AssignValues) => {
    const result = await assign.mutateAsync({ ids: selected, ...values });
    message.success(t('leads.assignedCount', { count: result.assigned.length }));
    setSelected([]);
  };

  return (
    <Card
      title={t('nav.leads')}
      extra={
        <Space wrap>
          {can('leads.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/imports/leads')}>
              {t('imports.import')}
            </Button>
          )}
          {can('leads.export') && <ExportButton onExport={(format) => leadsApi.export(query, format)} />}
          {can('leads.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-lead">
              {t('leads.new')}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar style={{ marginBottom: 16 }} extra={<ListViews view={listView} />}>
        <Input.Search
          allowClear
          placeholder={t('leads.searchPlaceholder')}
          defaultValue={filters.q}
          onSearch={(q) => update({ q })}
          style={{ width: 260 }}
          data-testid="lead-search"
        />
        <Select
          allowClear
          mode="multiple"
          placeholder={t('leads.fields.status')}
          value={filters.status ? filters.status.split(',') : []}
          onChange={(v: string[]) => update({ status: v.join(',') })}
          options={leadStatuses.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))}
          style={{ minWidth: 160 }}
        />
        <DictionarySelect
          type="customer_source"
          placeholder={t('leads.fields.source')}
          value={filters.source}
          onChange={(v) => update({ source: v as string })}
          style={{ width: 140 }}
        />
        <UserSelect
          allowClear
          placeholder={t('leads.fields.owner')}
          value={filters.ownerId ? Number(filters.ownerId) : undefined}
          onChange={(v) => update({ ownerId: v as number })}
          style={{ width: 150 }}
        />
        <Space.Compact>
          <InputNumber
            placeholder={t('scoring.scoreMin')}
            precision={0}
            value={filters.scoreMin ? Number(filters.scoreMin) : null}
            onChange={(v) => update({ scoreMin: v === null ? '' : String(v) })}
            style={{ width: 110 }}
            data-testid="score-min"
          />
          <InputNumber
            placeholder={t('scoring.scoreMax')}
            precision={0}
            value={filters.scoreMax ? Number(filters.scoreMax) : null}
            onChange={(v) => update({ scoreMax: v === null ? '' : String(v) })}
            style={{ width: 110 }}
            data-testid="score-max"
          />
        </Space.Compact>
      </FilterBar>
      <BulkBar count={selected.length} onClear={() => setSelected([])} style={{ marginBottom: 12 }}>
        {can('leads.edit') && (
          <Button icon={<EditOutlined />} onClick={() => setBulkEditing(true)} data-testid="bulk-edit">
            {t('bulk.edit')}
          </Button>
        )}
        {can('leads.assign') && (
          <Button icon={<UserSwitchOutlined />} onClick={assignDialog.openNew} data-testid="assign-leads">
            {t('leads.assign')}
          </Button>
        )}
        {can('leads.assign') && (
          <Button
            icon={<ApartmentOutlined />}
            loading={assignByRules.isPending}
            data-testid="assign-by-rules"
            onClick={async () => {
              const result = await assignByRules.mutateAsync(selected);
              message.success(
                t('assignmentRules.assigned', { count: result.assigned.length, unmatched: result.unmatched }),
              );
              setSelected([]);
            }}
          >
            {t('assignmentRules.assignByRules')}
          </Button>
        )}
        <AddToCampaignButton entity="leads" ids={selected} onAdded={() => setSelected([])} />
        <AddToSegmentButton entity="leads" ids={selected} onAdded={() => setSelected([])} />
        {can('leads.delete') && (
          <BulkDeleteButton
            title={t('leads.deleteConfirm', { count: selected.length })}
            onConfirm={async () => {
              await remove.mutateAsync(selected);
              setSelected([]);
              message.success(t('common.movedToRecycleBin'));
            }}
          />
        )}
      </BulkBar>
      <BulkEditDialog
        open={bulkEditing}
        count={selected.length}
        onClose={() => setBulkEditing(false)}
        fields={[
          {
            name: 'status',
            label: t('leads.fields.status'),
            required: true,
            input: (
              <Select
                options={leadStatuses
                  .filter((s) => s !== 'converted' && s !== 'disqualified')
                  .map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))}
              />
            ),
          },
          { name: 'source', label: t('leads.fields.source'), input: <Select allowClear options={sourceOptions} /> },
          {
            name: 'industry',
            label: t('leads.fields.industry'),
            input: <Select allowClear options={industryOptions} />,
          },
        ]}
        onSave={(changes) =>
          bulkUpdate.mutateAsync({ ids: selected, changes }).then((result) => {
            setSelected([]);
            return result;
          })
        }
      />
      <PagedTable<Lead>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        {...listView.table}
        rowSelection={rowSelection}
        empty={Object.keys(filters).length ? t('common.noMatches') : t('leads.empty')}
        onPageChange={update}
      />
      <LeadForm open={creating} onClose={() => setCreating(false)} onSaved={(lead) => navigate(`/leads/${lead.id}`)} />
      <SaveDialog
        dialog={assignDialog}
        form={assignForm}
        title={t('leads.assign')}
        initialValues={{ method: 'manual' }}
        onSave={submitAssign}
        savedMessage={false}
        okText={t('leads.assign')}
      >
        <Form.Item name="method" label={t('leads.assignMethod')}>
          <Radio.Group
            options={assignMethods.map((m) => ({
              value: m,
              label: t(`leads.assignMethods.${m}`),
            }))}
          />
        </Form.Item>
        {method === 'manual' ? (
          <Form.Item name="ownerId" label={t('leads.fields.owner')} rules={required.value}>
            <UserSelect />
          </Form.Item>
        ) : (
          <Form.Item name="departmentId" label={t('leads.assignDepartment')} rules={required.value}>
            <DepartmentSelect />
          </Form.Item>
        )}
      </SaveDialog>
    </Card>
  );
}
