import { PlusOutlined } from '@ant-design/icons';
import { type Contract, contractStatuses, type Page } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { FormDrawer } from '../../components/FormDrawer';
import { dateValue, emptyToNull, useErrorReporter } from '../../components/forms';
import { useMoney } from '../../components/money';

const colors: Record<Contract['status'], string> = {
  draft: 'default',
  pending_approval: 'gold',
  in_force: 'green',
  expired: 'orange',
  terminated: 'red',
};

function ContractForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      await api.post(
        '/api/v1/contracts',
        emptyToNull({
          ...values,
          amount: String(values.amount ?? ''),
          startsOn: dateValue(values.startsOn),
          endsOn: dateValue(values.endsOn),
          signedOn: dateValue(values.signedOn),
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['contracts'] });
      form.resetFields();
      onClose();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormDrawer
      title={t('contracts.new')}
      open={open}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={saving}
      saveTestId="contract-save"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ renewalRemindDays: 30, startsOn: dayjs(), endsOn: dayjs().add(1, 'year').subtract(1, 'day') }}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('contracts.fields.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('contracts.fields.customer')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <CustomerPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('contracts.fields.category')}>
              <DictionarySelect type="contract_category" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="amount"
              label={t('contracts.fields.amount')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="startsOn"
              label={t('contracts.fields.startsOn')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="endsOn"
              label={t('contracts.fields.endsOn')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="signedOn" label={t('contracts.fields.signedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="ourSignatory" label={t('contracts.fields.ourSignatory')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="customerSignatory" label={t('contracts.fields.customerSignatory')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="renewalRemindDays" label={t('contracts.fields.renewalRemindDays')}>
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="terms" label={t('contracts.fields.terms')}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}

/** 合同: contracts by status, those ending soon, submit, renew and terminate. */
export function ContractsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ page: number; q?: string; status?: string; ending?: boolean }>({ page: 1 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching } = useQuery({
    queryKey: ['contracts', filters],
    queryFn: () =>
      api.get<Page<Contract>>('/api/v1/contracts', {
        page: filters.page,
        pageSize: 20,
        q: filters.q,
        status: filters.status,
        endingWithinDays: filters.ending ? 60 : undefined,
      }),
    placeholderData: (p) => p,
  });
  const act = async (request: Promise<unknown>) => {
    try {
      await request;
      void queryClient.invalidateQueries({ queryKey: ['contracts'] });
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const terminate = (c: Contract) => {
    let reason = '';
    modal.confirm({
      title: t('contracts.terminate'),
      content: <Input.TextArea rows={3} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => act(api.post(`/api/v1/contracts/${c.id}/terminate`, { reason })),
    });
  };
  const renew = (c: Contract) =>
    act(api.post(`/api/v1/contracts/${c.id}/renew`, { endsOn: dayjs(c.endsOn).add(1, 'year').format('YYYY-MM-DD') }));
  return (
    <Card
      title={t('nav.contracts')}
      extra={
        can('contracts.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-contract">
            {t('contracts.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('contracts.searchPlaceholder')}
          onSearch={(q) => setFilters((f) => ({ ...f, page: 1, q: q || undefined }))}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('contracts.fields.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, page: 1, status }))}
          options={contractStatuses.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) }))}
        />
        <Segmented
          value={filters.ending ? 'ending' : 'all'}
          onChange={(v) => setFilters((f) => ({ ...f, page: 1, ending: v === 'ending' }))}
          options={[
            { value: 'all', label: t('contracts.all') },
            { value: 'ending', label: t('contracts.endingSoon') },
          ]}
        />
      </Space>
      <Table<Contract>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('contracts.empty')} /> }}
        expandable={{
          expandedRowRender: (c) => <AttachmentList entity="contracts" id={c.id} editable={can('contracts.edit')} />,
        }}
        columns={[
          { title: t('contracts.fields.number'), dataIndex: 'number' },
          { title: t('contracts.fields.name'), dataIndex: 'name' },
          {
            title: t('contracts.fields.customer'),
            dataIndex: 'customerName',
            render: (v: string, c) => <Link to={`/customers/${c.customerId}`}>{v}</Link>,
          },
          {
            title: t('contracts.fields.category'),
            dataIndex: 'category',
            render: (v: string | null) => <DictionaryTag type="contract_category" code={v} />,
          },
          {
            title: t('contracts.fields.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string, c) => money(v, c.currency),
          },
          { title: t('contracts.fields.period'), key: 'period', render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          {
            title: t('contracts.fields.status'),
            dataIndex: 'status',
            render: (s: Contract['status']) => <Tag color={colors[s]}>{t(`contracts.statuses.${s}`)}</Tag>,
          },
          {
            key: 'actions',
            render: (_, c) => (
              <Space size={0} wrap>
                {can('contracts.edit') && c.status === 'draft' && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => void act(api.post(`/api/v1/contracts/${c.id}/submit`))}
                  >
                    {t('orders.submit')}
                  </Button>
                )}
                {can('contracts.create') && (c.status === 'in_force' || c.status === 'expired') && !c.renewedById && (
                  <Button size="small" type="link" onClick={() => void renew(c)}>
                    {t('contracts.renew')}
                  </Button>
                )}
                {can('contracts.edit') && c.status === 'in_force' && (
                  <Button size="small" type="link" danger onClick={() => terminate(c)}>
                    {t('contracts.terminate')}
                  </Button>
                )}
                {can('contracts.delete') && c.status === 'draft' && (
                  <Popconfirm
                    title={t('common.deleteConfirm')}
                    onConfirm={() => void act(api.delete(`/api/v1/contracts/${c.id}`))}
                  >
                    <Button size="small" type="link" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
      />
      <ContractForm open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
