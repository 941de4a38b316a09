import { PlusOutlined } from '@ant-design/icons';
import { type CannedAnswer, type Settings, type SlaPolicy, type Survey, ticketPriorities } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { UserSelect } from '../../components/users';

/** An edit dialog for one row of a simple list: the same form creates and changes. */
function RowDialog<T extends { id: number }>(props: {
  title: string;
  row: T | null | undefined;
  url: string;
  queryKey: string[];
  onClose: () => void;
  toBody: (values: Record<string, unknown>) => unknown;
  initial: Record<string, unknown>;
  children: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (props.row === undefined) return;
    form.resetFields();
    form.setFieldsValue(props.row ?? props.initial);
  }, [props.row, props.initial, form]);
  const save = async (values: Record<string, unknown>) => {
    try {
      const body = props.toBody(values);
      if (props.row) await api.put(`${props.url}/${props.row.id}`, body);
      else await api.post(props.url, body);
      void queryClient.invalidateQueries({ queryKey: props.queryKey });
      props.onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={props.row !== undefined}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'row-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        {props.children}
      </Form>
    </Modal>
  );
}

function SlaPoliciesTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data = [], isFetching } = useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => api.get<SlaPolicy[]>('/api/v1/sla-policies'),
  });
  const [editing, setEditing] = useState<SlaPolicy | null | undefined>(undefined);
  const hours = (minutes: number) => t('serviceDesk.workingHours', { count: Math.round((minutes / 60) * 10) / 10 });
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        style={{ marginBottom: 16 }}
        onClick={() => setEditing(null)}
        data-testid="sla-new"
      >
        {t('serviceDesk.newPolicy')}
      </Button>
      <Table<SlaPolicy>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('serviceDesk.noPolicies') }}
        columns={[
          {
            title: t('serviceDesk.fields.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <Space>
                {v}
                {!p.active && <Tag>{t('serviceDesk.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('tickets.fields.type'),
            dataIndex: 'ticketType',
            render: (v: string | null) => (v ? <DictionaryTag type="ticket_type" code={v} /> : t('serviceDesk.any')),
          },
          {
            title: t('tickets.fields.priority'),
            dataIndex: 'priority',
            render: (v: string | null) => (v ? t(`tickets.priorities.${v}`) : t('serviceDesk.any')),
          },
          {
            title: t('serviceDesk.fields.customerLevel'),
            dataIndex: 'customerLevel',
            render: (v: string | null) => (v ? <DictionaryTag type="customer_level" code={v} /> : t('serviceDesk.any')),
          },
          { title: t('tickets.sla.firstResponse'), dataIndex: 'firstResponseMinutes', render: hours },
          { title: t('tickets.sla.resolution'), dataIndex: 'resolutionMinutes', render: hours },
          {
            key: 'actions',
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.deleteConfirm')}
                  onConfirm={() =>
                    api
                      .delete(`/api/v1/sla-policies/${p.id}`)
                      .then(() => queryClient.invalidateQueries({ queryKey: ['sla-policies'] }))
                  }
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RowDialog<SlaPolicy>
        title={t('serviceDesk.policy')}
        row={editing}
        url="/api/v1/sla-policies"
        queryKey={['sla-policies']}
        onClose={() => setEditing(undefined)}
        initial={{ firstResponseMinutes: 240, resolutionMinutes: 1620, active: true }}
        toBody={(v) => emptyToNull(v)}
      >
        <Form.Item
          name="name"
          label={t('serviceDesk.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="sla-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ticketType" label={t('tickets.fields.type')}>
            <DictionarySelect type="ticket_type" allowClear placeholder={t('serviceDesk.any')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="priority" label={t('tickets.fields.priority')}>
            <Select
              allowClear
              placeholder={t('serviceDesk.any')}
              style={{ width: 140 }}
              options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="customerLevel" label={t('serviceDesk.fields.customerLevel')}>
            <DictionarySelect
              type="customer_level"
              allowClear
              placeholder={t('serviceDesk.any')}
              style={{ width: 160 }}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item
            name="firstResponseMinutes"
            label={t('serviceDesk.fields.firstResponseMinutes')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={1} max={100000} addonAfter={t('serviceDesk.minutes')} data-testid="sla-response" />
          </Form.Item>
          <Form.Item
            name="resolutionMinutes"
            label={t('serviceDesk.fields.resolutionMinutes')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={1} max={1000000} addonAfter={t('serviceDesk.minutes')} />
          </Form.Item>
          <Form.Item name="active" label={t('serviceDesk.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </RowDialog>
    </>
  );
}

function CannedAnswersTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const { data = [], isFetching } = useQuery({
    queryKey: ['canned-answers', 'admin', q],
    queryFn: () => api.get<CannedAnswer[]>('/api/v1/canned-answers', { q: q || undefined }),
  });
  const [editing, setEditing] = useState<CannedAnswer | null | undefined>(undefined);
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="canned-new">
          {t('serviceDesk.newAnswer')}
        </Button>
        <Input.Search allowClear placeholder={t('common.search')} onSearch={setQ} style={{ width: 240 }} />
      </Space>
      <Table<CannedAnswer>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('serviceDesk.noAnswers') }}
        columns={[
          { title: t('serviceDesk.fields.title'), dataIndex: 'title' },
          {
            title: t('tickets.fields.category'),
            dataIndex: 'category',
            render: (v: string | null) =>
              v ? <DictionaryTag type="service_category" code={v} /> : t('serviceDesk.any'),
          },
          { title: t('serviceDesk.fields.body'), dataIndex: 'body', ellipsis: true },
          {
            key: 'actions',
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => setEditing(a)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.deleteConfirm')}
                  onConfirm={() =>
                    api
                      .delete(`/api/v1/canned-answers/${a.id}`)
                      .then(() => queryClient.invalidateQueries({ queryKey: ['canned-answers'] }))
                  }
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RowDialog<CannedAnswer>
        title={t('serviceDesk.answer')}
        row={editing}
        url="/api/v1/canned-answers"
        queryKey={['canned-answers']}
        onClose={() => setEditing(undefined)}
        initial={{}}
        toBody={(v) => emptyToNull(v)}
      >
        <Form.Item
          name="title"
          label={t('serviceDesk.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="canned-title" />
        </Form.Item>
        <Form.Item name="category" label={t('tickets.fields.category')}>
          <DictionarySelect type="service_category" allowClear placeholder={t('serviceDesk.any')} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('serviceDesk.fields.body')}
          extra={t('serviceDesk.placeholders')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={6} maxLength={5000} data-testid="canned-body" />
        </Form.Item>
      </RowDialog>
    </>
  );
}

const weekdays = [1, 2, 3, 4, 5, 6, 7];

/** Working days and hours, holidays and worked weekend days, ticket routing and VIP handling — kept in the system settings. */
function CalendarTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/api/v1/settings') });
  const surveys = useQuery({
    queryKey: ['surveys'],
    queryFn: () => api.get<Survey[]>('/api/v1/surveys'),
    enabled: can('surveys.view'),
  });
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      businessDays: s.businessDays,
      hours: [dayjs(s.businessStart, 'HH:mm'), dayjs(s.businessEnd, 'HH:mm')],
      holidays: s.holidays.map((d) => dayjs(d)),
      extraWorkdays: s.extraWorkdays.map((d) => dayjs(d)),
      ticketRouting: s.ticketRouting,
      vipCustomerLevels: s.vipCustomerLevels,
      vipAgentIds: s.vipAgentIds,
      ticketCallbacks: s.ticketCallbacks,
      ticketSurveyId: s.ticketSurveyId,
    });
  }, [settings.data, form]);
  const save = async (v: {
    businessDays: number[];
    hours: [dayjs.Dayjs, dayjs.Dayjs];
    holidays?: dayjs.Dayjs[];
    extraWorkdays?: dayjs.Dayjs[];
    ticketRouting: Settings['ticketRouting'];
    vipCustomerLevels?: string[];
    vipAgentIds?: number[];
    ticketCallbacks: boolean;
    ticketSurveyId?: number | null;
  }) => {
    const days = (list?: dayjs.Dayjs[]) => [...new Set((list ?? []).map((d) => d.format('YYYY-MM-DD')))].sort();
    try {
      await api.patch('/api/v1/settings', {
        businessDays: v.businessDays,
        businessStart: v.hours[0].format('HH:mm'),
        businessEnd: v.hours[1].format('HH:mm'),
        holidays: days(v.holidays),
        extraWorkdays: days(v.extraWorkdays),
        ticketRouting: v.ticketRouting,
        vipCustomerLevels: v.vipCustomerLevels ?? [],
        vipAgentIds: v.vipAgentIds ?? [],
        ticketCallbacks: v.ticketCallbacks,
        ticketSurveyId: v.ticketSurveyId ?? null,
      });
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 720 }}>
      <Form.Item name="businessDays" label={t('serviceDesk.fields.businessDays')}>
        <Checkbox.Group options={weekdays.map((d) => ({ value: d, label: t(`serviceDesk.weekdays.${d}`) }))} />
      </Form.Item>
      <Form.Item
        name="hours"
        label={t('serviceDesk.fields.hours')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
      </Form.Item>
      <Form.Item name="holidays" label={t('serviceDesk.fields.holidays')}>
        <DatePicker multiple style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="extraWorkdays"
        label={t('serviceDesk.fields.extraWorkdays')}
        extra={t('serviceDesk.extraWorkdaysHint')}
      >
        <DatePicker multiple style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="ticketRouting" label={t('serviceDesk.fields.routing')}>
        <Select
          options={(['least_busy', 'round_robin', 'manual'] as const).map((r) => ({
            value: r,
            label: t(`serviceDesk.routing.${r}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="vipCustomerLevels" label={t('serviceDesk.fields.vipLevels')}>
        <DictionarySelect type="customer_level" mode="multiple" />
      </Form.Item>
      <Form.Item name="vipAgentIds" label={t('serviceDesk.fields.vipAgents')}>
        <UserSelect mode="multiple" />
      </Form.Item>
      <Form.Item
        name="ticketCallbacks"
        label={t('serviceDesk.fields.callbacks')}
        valuePropName="checked"
        extra={t('serviceDesk.callbacksHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="ticketSurveyId"
        label={t('serviceDesk.fields.ticketSurvey')}
        extra={t('serviceDesk.ticketSurveyHint')}
      >
        <Select
          allowClear
          data-testid="ticket-survey"
          options={(surveys.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={settings.isFetching}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** Switches the public web form on and gives the snippet that embeds it in the company's website. */
function WebFormTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/api/v1/settings') });
  const url = `${window.location.origin}/forms/ticket`;
  const snippet = `<iframe src="${url}" title="Support" style="width:100%;max-width:680px;height:860px;border:0"></iframe>`;
  return (
    <Space direction="vertical" style={{ maxWidth: 720 }}>
      <Space>
        <Switch
          checked={settings.data?.webFormEnabled ?? false}
          onChange={(webFormEnabled) =>
            api
              .patch('/api/v1/settings', { webFormEnabled })
              .then(() => queryClient.invalidateQueries({ queryKey: ['settings'] }))
          }
          data-testid="web-form-enabled"
        />
        {t('serviceDesk.webFormEnabled')}
      </Space>
      <Typography.Text type="secondary">{t('serviceDesk.webFormHint')}</Typography.Text>
      <Input.TextArea readOnly rows={3} value={snippet} data-testid="web-form-snippet" />
      <Typography.Link href={url} target="_blank">
        {url}
      </Typography.Link>
    </Space>
  );
}

/** 客服设置: SLA policies, canned answers, and the business calendar with routing. */
export function ServiceDeskPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.serviceDesk')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'sla', label: t('serviceDesk.tabs.sla'), children: <SlaPoliciesTab /> },
          { key: 'answers', label: t('serviceDesk.tabs.answers'), children: <CannedAnswersTab /> },
          { key: 'calendar', label: t('serviceDesk.tabs.calendar'), children: <CalendarTab /> },
          { key: 'webForm', label: t('serviceDesk.tabs.webForm'), children: <WebFormTab /> },
        ]}
      />
    </Card>
  );
}
