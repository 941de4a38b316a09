import {
  type DeliveryStatus,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookKind,
  deliveryStatuses,
  webhookActions,
  webhookAlerts,
  webhookEntities,
  webhookKinds,
} from '@relate/common';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { FormDrawer } from '../../components/FormDrawer';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useResendDelivery,
  useRotateSecret,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
} from './queries';

type Values = {
  name: string;
  url: string;
  kind: WebhookKind;
  events: WebhookEvent[];
  enabled: boolean;
  secret?: string;
};

const statusColor: Record<DeliveryStatus, string> = {
  pending: 'gold',
  sending: 'blue',
  succeeded: 'green',
  failed: 'red',
  skipped: 'default',
};

function StatusTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (!status) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={statusColor[status as DeliveryStatus]}>{t(`webhooks.status.${status}`)}</Tag>;
}

/** The name of an event in the reader's language: 客户 · 新建, or an alert's own name. */
function useEventLabel() {
  const { t } = useTranslation();
  return (event: string) => {
    if (event === 'ping') return t('webhooks.ping');
    if ((webhookAlerts as readonly string[]).includes(event)) return t(`webhooks.alerts.${event.replace('.', '_')}`);
    const [entity, action] = event.split('.');
    return `${t(`webhooks.entities.${entity}`)} · ${t(`webhooks.actions.${action}`)}`;
  };
}

/** 设置 › Webhooks: outgoing webhooks and group robots (WeCom, DingTalk, Feishu), their tests and deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.webhooks'));
  const { message } = App.useApp();
  const hooks = useWebhooks();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const remove = useDeleteWebhook();
  const test = useTestWebhook();

  const sendTest = async (hook: Webhook) => {
    try {
      const delivery = await test.mutateAsync(hook.id);
      if (delivery.status === 'succeeded')
        message.success(t('webhooks.testSucceeded', { code: delivery.responseCode }));
      else message.error(t('webhooks.testFailed', { reason: delivery.error ?? delivery.responseCode ?? '' }));
      setLogOf(hook);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.webhooks')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="webhook-add">
          {t('webhooks.add')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('webhooks.hint')}
      </Typography.Paragraph>
      <Table<Webhook>
        rowKey="id"
        loading={hooks.isLoading}
        dataSource={hooks.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('webhooks.empty')} /> }}
        columns={[
          { title: t('webhooks.name'), dataIndex: 'name' },
          {
            title: t('webhooks.kind'),
            dataIndex: 'kind',
            render: (kind: string) => <Tag>{t(`webhooks.kinds.${kind}`)}</Tag>,
          },
          { title: t('webhooks.url'), dataIndex: 'url', ellipsis: true },
          { title: t('webhooks.events'), dataIndex: 'events', render: (events: string[]) => events.length },
          {
            title: t('webhooks.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean) =>
              on ? <Tag color="green">{t('webhooks.on')}</Tag> : <Tag>{t('webhooks.off')}</Tag>,
          },
          {
            title: t('webhooks.lastStatus'),
            dataIndex: 'lastStatus',
            render: (status: string | null) => <StatusTag status={status} />,
          },
          {
            title: t('webhooks.operations'),
            key: 'actions',
            render: (_: unknown, hook) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(hook)}>
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  loading={test.isPending && test.variables === hook.id}
                  onClick={() => sendTest(hook)}
                  data-testid="webhook-test"
                >
                  {t('webhooks.test')}
                </Button>
                <Button type="link" size="small" onClick={() => setLogOf(hook)}>
                  {t('webhooks.deliveries')}
                </Button>
                <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => remove.mutateAsync(hook.id)}>
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <WebhookDrawer
          hook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSecret={setShownSecret}
        />
      )}
      <Modal
        open={shownSecret !== null}
        title={t('webhooks.secretTitle')}
        onOk={() => setShownSecret(null)}
        onCancel={() => setShownSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon message={t('webhooks.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: shownSecret ?? '' }} code data-testid="webhook-secret">
          {shownSecret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.secretHowTo')}</Typography.Paragraph>
      </Modal>
      {logOf && <DeliveriesDrawer hook={logOf} onClose={() => setLogOf(null)} />}
    </Space>
  );
}

function WebhookDrawer(props: { hook: Webhook | null; onClose: () => void; onSecret: (secret: string) => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();
  const kind = Form.useWatch('kind', form) ?? props.hook?.kind ?? 'generic';
  const eventLabel = useEventLabel();

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const { secret, ...rest } = values;
    const body = { ...rest, ...(kind !== 'generic' && secret ? { secret } : {}) };
    try {
      if (props.hook) await update.mutateAsync({ id: props.hook.id, body });
      else {
        const created = await create.mutateAsync(body);
        if (created.secret) props.onSecret(created.secret);
      }
      message.success(t('common.saved'));
      props.onClose();
    } catch (error) {
      reportError(error);
    }
  };
  const rotateSecret = async () => {
    const rotated = await rotate.mutateAsync(props.hook!.id);
    if (rotated.secret) props.onSecret(rotated.secret);
  };

  return (
    <FormDrawer
      title={props.hook ? t('webhooks.edit') : t('webhooks.add')}
      open
      onClose={props.onClose}
      onSave={save}
      saving={create.isPending || update.isPending}
      saveTestId="webhook-save"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          props.hook ? { ...props.hook, secret: undefined } : { kind: 'generic', enabled: true, events: [] }
        }
      >
        <Form.Item name="name" label={t('webhooks.name')} rules={required.value}>
          <Input maxLength={100} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('webhooks.kind')} extra={t(`webhooks.kindHints.${kind}`)}>
          <Select options={webhookKinds.map((k) => ({ value: k, label: t(`webhooks.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="url" label={t('webhooks.url')} rules={required.value}>
          <Input placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        {kind === 'generic'
          ? props.hook && (
              <Form.Item label={t('webhooks.secret')} extra={t('webhooks.secretRotateHint')}>
                <Popconfirm title={t('webhooks.rotateConfirm')} onConfirm={rotateSecret}>
                  <Button loading={rotate.isPending}>{t('webhooks.rotate')}</Button>
                </Popconfirm>
              </Form.Item>
            )
          : kind !== 'wecom' && (
              <Form.Item
                name="secret"
                label={t('webhooks.robotSecret')}
                extra={props.hook?.secretSet ? t('webhooks.secretKept') : t(`webhooks.secretHints.${kind}`)}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            )}
        <Form.Item name="enabled" label={t('webhooks.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} rules={required.value}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <div>
                <Typography.Text strong>{t('webhooks.alertsTitle')}</Typography.Text>
                <div>
                  {webhookAlerts.map((event) => (
                    <Checkbox key={event} value={event}>
                      {eventLabel(event)}
                    </Checkbox>
                  ))}
                </div>
              </div>
              {webhookEntities.map((entity) => (
                <div key={entity}>
                  <Typography.Text strong>{t(`webhooks.entities.${entity}`)}</Typography.Text>
                  <div>
                    {webhookActions.map((action) => (
                      <Checkbox key={action} value={`${entity}.${action}`} data-testid={`event-${entity}.${action}`}>
                        {t(`webhooks.actions.${action}`)}
                      </Checkbox>
                    ))}
                  </div>
                </div>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function DeliveriesDrawer(props: { hook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState<{ page: number; pageSize: number; status?: DeliveryStatus }>({
    page: 1,
    pageSize: 20,
  });
  const deliveries = useDeliveries(props.hook.id, query);
  const resend = useResendDelivery();
  const eventLabel = useEventLabel();
  return (
    <Drawer
      open
      title={`${t('webhooks.deliveries')} · ${props.hook.name}`}
      onClose={props.onClose}
      size={960}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          allowClear
          placeholder={t('webhooks.statusFilter')}
          style={{ width: 200 }}
          value={query.status}
          onChange={(status?: DeliveryStatus) => setQuery({ ...query, page: 1, status })}
          options={deliveryStatuses.map((s) => ({ value: s, label: t(`webhooks.status.${s}`) }))}
        />
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          data-testid="webhook-deliveries"
          loading={deliveries.isFetching}
          dataSource={deliveries.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty description={t('webhooks.noDeliveries')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: deliveries.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          expandable={{
            rowExpandable: (d) => Boolean(d.responseExcerpt || d.error),
            expandedRowRender: (d) => (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {d.error && <Typography.Text type="danger">{d.error}</Typography.Text>}
                {d.error && d.responseExcerpt && <br />}
                {d.responseExcerpt && <Typography.Text code>{d.responseExcerpt}</Typography.Text>}
              </Typography.Paragraph>
            ),
          }}
          columns={[
            {
              title: t('webhooks.time'),
              dataIndex: 'createdAt',
              render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
            },
            { title: t('webhooks.event'), dataIndex: 'event', render: (event: string) => eventLabel(event) },
            {
              title: t('webhooks.statusTitle'),
              dataIndex: 'status',
              render: (status: string) => <StatusTag status={status} />,
            },
            {
              title: t('webhooks.responseCode'),
              dataIndex: 'responseCode',
              render: (code: number | null) => (code === null ? '—' : <span data-testid="delivery-code">{code}</span>),
            },
            {
              title: t('webhooks.duration'),
              dataIndex: 'durationMs',
              render: (ms: number | null) => (ms === null ? '—' : `${ms} ms`),
            },
            { title: t('webhooks.attempts'), dataIndex: 'attempts' },
            {
              title: t('webhooks.operations'),
              key: 'actions',
              render: (_: unknown, d) =>
                d.event === 'ping' ? null : (
                  <Popconfirm
                    title={t('webhooks.resendConfirm')}
                    onConfirm={async () => {
                      await resend.mutateAsync(d.id);
                      message.success(t('webhooks.resent'));
                    }}
                  >
                    <Button type="link" size="small">
                      {t('webhooks.resend')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
