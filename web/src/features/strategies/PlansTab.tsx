import { PlusOutlined } from '@ant-design/icons';
import { type Page, type Plan, planStatuses } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, Input, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { useStrategies } from './strategies-query';

export function PlansTab() {
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
