import {
  type Body,
  type Requirement,
  type RequirementInput,
  requirementStatuses,
  requirementUrgencies,
} from '@relate/common';
import { Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { NewButton } from '../../components/NewButton';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useCreateRequirement, useRequirementReport, useRequirements, useUpdateRequirement } from './queries';

export function RequirementsTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const [filters, setFilters] = useState<{ page: number; status?: Requirement['status'] }>({ page: 1 });
  const { data, isFetching } = useRequirements({ ...filters, pageSize: 20 });
  const report = useRequirementReport();
  const create = useCreateRequirement();
  const update = useUpdateRequirement();
  const dialog = useSaveDialog<never>();
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('strategies.manage') && (
          <NewButton onClick={dialog.openNew} data-testid="requirement-new">
            {t('strategies.newRequirement')}
          </NewButton>
        )}
        <Select
          allowClear
          placeholder={t('strategies.fields.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status) => setFilters({ page: 1, status })}
          options={requirementStatuses.map((s) => ({ value: s, label: t(`strategies.requirementStatuses.${s}`) }))}
        />
      </Space>
      <Table<Requirement>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('strategies.noRequirements') }}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: t('strategies.fields.description'), dataIndex: 'description' },
          {
            title: t('strategies.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, r) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
          },
          {
            title: t('strategies.fields.category'),
            dataIndex: 'category',
            render: (v: string | null) => <DictionaryTag type="feedback_category" code={v} />,
          },
          {
            title: t('strategies.fields.urgency'),
            dataIndex: 'urgency',
            render: (v: string) => (
              <Tag color={v === 'urgent' ? 'red' : v === 'high' ? 'orange' : 'default'}>
                {t(`tickets.priorities.${v}`)}
              </Tag>
            ),
          },
          {
            title: t('strategies.fields.status'),
            dataIndex: 'status',
            render: (v: Requirement['status'], r) =>
              can('strategies.manage') ? (
                <Select
                  size="small"
                  value={v}
                  style={{ width: 110 }}
                  onChange={(status) => update.mutate({ id: r.id, body: { status } })}
                  options={requirementStatuses.map((s) => ({
                    value: s,
                    label: t(`strategies.requirementStatuses.${s}`),
                  }))}
                />
              ) : (
                t(`strategies.requirementStatuses.${v}`)
              ),
          },
          {
            title: t('strategies.fields.answeredBy'),
            key: 'answer',
            render: (_, r) => r.planTitle ?? r.strategyName ?? '-',
          },
        ]}
      />
      <Card size="small" title={t('strategies.openReport')} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.customerLevel}-${r.category}`}
          pagination={false}
          dataSource={report.data?.rows ?? []}
          data-testid="requirements-report"
          columns={[
            {
              title: t('serviceDesk.fields.customerLevel'),
              dataIndex: 'customerLevel',
              render: (v: string | null) => (v ? <DictionaryTag type="customer_level" code={v} /> : '-'),
            },
            {
              title: t('strategies.fields.category'),
              dataIndex: 'category',
              render: (v: string | null) => (v ? <DictionaryTag type="feedback_category" code={v} /> : '-'),
            },
            { title: t('strategies.open'), dataIndex: 'open', align: 'right' },
            { title: t('tickets.priorities.urgent'), dataIndex: 'urgent', align: 'right' },
          ]}
        />
      </Card>
      <SaveDialog
        dialog={dialog}
        title={t('strategies.newRequirement')}
        initialValues={{ urgency: 'normal' }}
        onSave={(values: Body<typeof RequirementInput>) => create.mutateAsync(emptyToNull(values))}
        saveTestId="requirement-save"
      >
        <Form.Item name="customerId" label={t('strategies.fields.customer')} rules={required.value}>
          <CustomerPicker />
        </Form.Item>
        <Form.Item name="description" label={t('strategies.fields.description')} rules={required.text}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="requirement-description" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('strategies.fields.category')}>
            <DictionarySelect type="feedback_category" allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="urgency" label={t('strategies.fields.urgency')}>
            <Select
              style={{ width: 120 }}
              options={requirementUrgencies.map((u) => ({ value: u, label: t(`tickets.priorities.${u}`) }))}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('strategies.fields.channel')}>
            <Input maxLength={30} style={{ width: 140 }} />
          </Form.Item>
        </Space>
      </SaveDialog>
    </>
  );
}
