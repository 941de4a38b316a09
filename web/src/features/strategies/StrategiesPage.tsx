import { PlusOutlined } from '@ant-design/icons';
import {
  type Page,
  type Plan,
  planStatuses,
  type Requirement,
  type RequirementReport,
  requirementStatuses,
  requirementUrgencies,
  type Strategy,
} from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useErrorReporter } from '../../components/forms';

function useStrategies() {
  return useQuery({ queryKey: ['strategies'], queryFn: () => api.get<Strategy[]>('/api/v1/service-strategies') });
}

function StrategiesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { data = [], isFetching } = useStrategies();
  const [editing, setEditing] = useState<Strategy | null | undefined>(undefined);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    form.setFieldsValue(editing ?? { active: true, customerLevels: [] });
  }, [editing, form]);
  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing) await api.put(`/api/v1/service-strategies/${editing.id}`, emptyToNull(v));
      else await api.post('/api/v1/service-strategies', emptyToNull(v));
      void queryClient.invalidateQueries({ queryKey: ['strategies'] });
      setEditing(undefined);
    } catch (error) {
      reportError(error);
    }
  };
  const manage = can('strategies.manage');
  return (
    <>
      {manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setEditing(null)}
          data-testid="strategy-new"
        >
          {t('strategies.new')}
        </Button>
      )}
      <Table<Strategy>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('strategies.empty') }}
        columns={[
          {
            title: t('strategies.fields.name'),
            dataIndex: 'name',
            render: (v: string, s) => (
              <Space>
                {v}
                {!s.active && <Tag>{t('serviceDesk.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('strategies.fields.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('strategies.fields.customerLevels'),
            dataIndex: 'customerLevels',
            render: (levels: string[]) => (
              <Space>
                {levels.map((l) => (
                  <DictionaryTag key={l} type="customer_level" code={l} />
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, s: Strategy) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common.deleteConfirm')}
                        onConfirm={() =>
                          api
                            .delete(`/api/v1/service-strategies/${s.id}`)
                            .then(() => queryClient.invalidateQueries({ queryKey: ['strategies'] }))
                        }
                      >
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing ? t('strategies.edit') : t('strategies.new')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'strategy-save' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('strategies.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} data-testid="strategy-name" />
          </Form.Item>
          <Form.Item name="description" label={t('strategies.fields.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item
            name="customerLevels"
            label={t('strategies.fields.customerLevels')}
            extra={t('strategies.levelsHint')}
          >
            <DictionarySelect type="customer_level" mode="multiple" />
          </Form.Item>
          <Form.Item name="active" label={t('serviceDesk.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PlansTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const strategies = useStrategies();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: ['plans', page],
    queryFn: () => api.get<Page<Plan>>('/api/v1/implementation-plans', { page, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  const [editing, setEditing] = useState<Plan | null | undefined>(undefined);
  const [noting, setNoting] = useState<Plan | null>(null);
  const [form] = Form.useForm();
  const [noteForm] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        strategyIds: editing.strategies.map((s) => s.id),
        period: [dayjs(editing.startsOn), dayjs(editing.endsOn)],
      });
    else
      form.setFieldsValue({
        status: 'planned',
        period: [dayjs().startOf('month'), dayjs().add(1, 'year').startOf('month').subtract(1, 'day')],
      });
  }, [editing, form]);
  const save = async (v: Record<string, unknown>) => {
    const [start, end] = v.period as [dayjs.Dayjs, dayjs.Dayjs];
    const body = emptyToNull({
      customerId: v.customerId,
      title: v.title,
      strategyIds: v.strategyIds,
      status: v.status,
      description: v.description,
      startsOn: start.format('YYYY-MM-DD'),
      endsOn: end.format('YYYY-MM-DD'),
    });
    try {
      if (editing) await api.put(`/api/v1/implementation-plans/${editing.id}`, body);
      else await api.post('/api/v1/implementation-plans', body);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      setEditing(undefined);
    } catch (error) {
      reportError(error);
    }
  };
  const addNote = async (v: { body: string }) => {
    await api.post(`/api/v1/implementation-plans/${noting!.id}/notes`, v);
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
    noteForm.resetFields();
    setNoting(null);
  };
  const manage = can('strategies.manage');
  return (
    <>
      {manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setEditing(null)}
          data-testid="plan-new"
        >
          {t('strategies.newPlan')}
        </Button>
      )}
      <Table<Plan>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('strategies.noPlans') }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('strategies.fields.title'), dataIndex: 'title' },
          {
            title: t('strategies.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, p) => (
              <Space>
                <Link to={`/customers/${p.customerId}`}>{v}</Link>
                <DictionaryTag type="customer_level" code={p.customerLevel} />
              </Space>
            ),
          },
          {
            title: t('strategies.fields.strategies'),
            key: 's',
            render: (_, p) => (
              <Space wrap>
                {p.strategies.map((s) => (
                  <Tag key={s.id}>{s.name}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('strategies.fields.period'), key: 'period', render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
          {
            title: t('strategies.fields.status'),
            dataIndex: 'status',
            render: (s: Plan['status']) => t(`strategies.planStatuses.${s}`),
          },
          { title: t('strategies.fields.owner'), dataIndex: 'ownerName' },
          { title: t('strategies.fields.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          ...(manage
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, p: Plan) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="small" onClick={() => setNoting(p)}>
                        {t('strategies.addNote')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing ? t('strategies.editPlan') : t('strategies.newPlan')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={680}
        okButtonProps={{ 'data-testid': 'plan-save' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                name="title"
                label={t('strategies.fields.title')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input maxLength={200} data-testid="plan-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerId"
                label={t('strategies.fields.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerPicker
                  initial={editing ? { id: editing.customerId, name: editing.customerName } : undefined}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="period"
                label={t('strategies.fields.period')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="strategyIds"
                label={t('strategies.fields.strategies')}
                extra={t('strategies.defaultHint')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  options={(strategies.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('strategies.fields.status')}>
                <Select options={planStatuses.map((s) => ({ value: s, label: t(`strategies.planStatuses.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('strategies.fields.description')}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal
        open={Boolean(noting)}
        title={t('strategies.addNote')}
        onCancel={() => setNoting(null)}
        onOk={() => noteForm.submit()}
        destroyOnHidden
      >
        {noting && (
          <List
            size="small"
            dataSource={noting.notes}
            renderItem={(n) => (
              <List.Item>
                {n.body} <Typography.Text type="secondary">· {n.authorName}</Typography.Text>
              </List.Item>
            )}
          />
        )}
        <Form form={noteForm} layout="vertical" onFinish={addNote}>
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function RequirementsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ page: number; status?: string }>({ page: 1 });
  const { data, isFetching } = useQuery({
    queryKey: ['requirements', filters],
    queryFn: () => api.get<Page<Requirement>>('/api/v1/requirements', { ...filters, pageSize: 20 }),
    placeholderData: (p) => p,
  });
  const report = useQuery({
    queryKey: ['requirements', 'report'],
    queryFn: () => api.get<RequirementReport>('/api/v1/requirements/report'),
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const save = async (v: Record<string, unknown>) => {
    try {
      await api.post('/api/v1/requirements', emptyToNull(v));
      void queryClient.invalidateQueries({ queryKey: ['requirements'] });
      setCreating(false);
      form.resetFields();
    } catch (error) {
      reportError(error);
    }
  };
  const setStatus = (r: Requirement, status: string) =>
    api
      .patch(`/api/v1/requirements/${r.id}`, { status })
      .then(() => queryClient.invalidateQueries({ queryKey: ['requirements'] }));
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('strategies.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="requirement-new"
          >
            {t('strategies.newRequirement')}
          </Button>
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
                  onChange={(s) => void setStatus(r, s)}
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
      <Modal
        open={creating}
        title={t('strategies.newRequirement')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'requirement-save' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ urgency: 'normal' }}>
          <Form.Item
            name="customerId"
            label={t('strategies.fields.customer')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <CustomerPicker />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('strategies.fields.description')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
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
        </Form>
      </Modal>
    </>
  );
}

/** 服务策略: measures per customer level, each customer's implementation plan, and what customers ask for. */
export function StrategiesPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.strategies')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'strategies', label: t('strategies.tabs.strategies'), children: <StrategiesTab /> },
          { key: 'plans', label: t('strategies.tabs.plans'), children: <PlansTab /> },
          { key: 'requirements', label: t('strategies.tabs.requirements'), children: <RequirementsTab /> },
        ]}
      />
    </Card>
  );
}
