import { type CtiConnection, type CtiKind, ctiKinds } from '@relate/common';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../components/queries';
import { AdminTabsPage } from '../../components/AdminTabsPage';
import { useSession } from '../../app/session';
import { SuppressionList } from '../consent/SuppressionList';
import {
  useCallQueue,
  useCtiConnections,
  useDeleteConnection,
  useSaveConnection,
  useSaveSeat,
  useSeats,
} from './queries';

type Values = Omit<
  CtiConnection,
  'id' | 'secretSet' | 'status' | 'callbackPath' | 'lookupPath' | 'createdAt' | 'updatedAt'
> & {
  secret?: string;
};

function ConnectionDialog({
  connection,
  open,
  onClose,
}: {
  connection?: CtiConnection;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveConnection();
  const kind = Form.useWatch('kind', form) as CtiKind | undefined;
  const submit = (values: Values) =>
    save.mutate(
      { id: connection?.id, body: { ...values, secret: values.secret || undefined } },
      {
        onSuccess: () => onClose(),
        onError: (error) => void message.error(error.message),
      },
    );
  return (
    <Modal
      open={open}
      title={connection ? t('cti.editConnection') : t('cti.newConnection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={connection ?? { kind: 'asterisk', enabled: true, dialMethod: 'POST' }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('cti.fields.name')} rules={[{ required: true }]}>
          <Input data-testid="cti-connection-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('cti.fields.kind')} rules={[{ required: true }]}>
          <Select options={ctiKinds.map((k) => ({ value: k, label: t(`cti.kinds.${k}`) }))} />
        </Form.Item>
        {kind !== 'cloud' && (
          <Space>
            <Form.Item name="host" label={t('cti.fields.host')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="port" label={t('cti.fields.port')} rules={[{ required: true }]}>
              <InputNumber min={1} max={65535} placeholder={kind === 'freeswitch' ? '8021' : '5038'} />
            </Form.Item>
          </Space>
        )}
        {kind === 'asterisk' && (
          <Form.Item name="username" label={t('cti.fields.username')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="secret"
          label={t('cti.fields.secret')}
          extra={connection?.secretSet ? t('cti.fields.secretKept') : undefined}
          rules={[{ required: !connection?.secretSet }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {kind !== 'cloud' ? (
          <>
            <Form.Item name="dialContext" label={t('cti.fields.dialContext')}>
              <Input placeholder={kind === 'freeswitch' ? 'default' : 'from-internal'} />
            </Form.Item>
            <Form.Item name="recordingBaseUrl" label={t('cti.fields.recordingBaseUrl')}>
              <Input placeholder="https://pbx.example.com/recordings" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="dialUrl" label={t('cti.fields.dialUrl')}>
              <Input placeholder="https://cc.example.com/api/callout" />
            </Form.Item>
            <Form.Item name="dialMethod" label={t('cti.fields.dialMethod')}>
              <Select options={['POST', 'GET'].map((m) => ({ value: m, label: m }))} />
            </Form.Item>
            <Form.Item name="dialBody" label={t('cti.fields.dialBody')}>
              <Input.TextArea
                rows={2}
                placeholder='{"agent":"{agent}","extension":"{extension}","number":"{number}"}'
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="areaCode" label={t('cti.fields.areaCode')}>
          <Input placeholder="010" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('cti.fields.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SeatsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const seats = useSeats();
  const users = useUsers();
  const save = useSaveSeat();
  const byUser = new Map((seats.data?.items ?? []).map((s) => [s.userId, s]));
  const rows = (users.data?.items ?? []).filter((u) => u.status === 'active');
  return (
    <Card title={t('cti.seats')} size="small">
      <Table
        size="small"
        rowKey="id"
        loading={seats.isLoading || users.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('cti.user'), dataIndex: 'displayName' },
          {
            title: t('cti.extension'),
            render: (_, user) => (
              <Input
                defaultValue={byUser.get(user.id)?.extension ?? ''}
                style={{ width: 110 }}
                data-testid={`seat-extension-${user.username}`}
                onBlur={(e) => {
                  const value = e.target.value.trim() || null;
                  if (value === (byUser.get(user.id)?.extension ?? null)) return;
                  save.mutate(
                    { userId: user.id, body: { extension: value } },
                    { onError: (error) => void message.error(error.message) },
                  );
                }}
              />
            ),
          },
          {
            title: t('cti.skills'),
            render: (_, user) => (
              <Select
                mode="tags"
                style={{ minWidth: 160 }}
                defaultValue={byUser.get(user.id)?.skills ?? []}
                onChange={(skills: string[]) => save.mutate({ userId: user.id, body: { skills } })}
              />
            ),
          },
          {
            title: t('cti.fields.status'),
            render: (_, user) => {
              const seat = byUser.get(user.id);
              return seat ? t(`cti.states.${seat.state}`) : '—';
            },
          },
        ]}
      />
    </Card>
  );
}

function QueueCard() {
  const { t } = useTranslation();
  const queue = useCallQueue();
  return (
    <Card title={t('cti.queue')} size="small">
      <Table
        size="small"
        rowKey={(e) => e.call.id}
        dataSource={queue.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('cti.emptyQueue') }}
        columns={[
          { title: t('cti.incoming'), render: (_, e) => e.call.fromNumber },
          { title: t('nav.customers'), render: (_, e) => e.call.customerName ?? '—' },
          { title: t('cti.queue'), render: (_, e) => e.call.queue ?? '—' },
          { title: t('cti.waiting'), render: (_, e) => `${e.waitingSeconds} s` },
          { title: t('cti.offeredTo'), render: (_, e) => e.offeredTo?.name ?? '—' },
        ]}
      />
    </Card>
  );
}

/**
 * Administrators: the telephony connections (secrets write-only), every user's seat, the waiting calls and,
 * for those who keep the suppression list, the do-not-call list (its phone numbers).
 */
export function TelephonyPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <AdminTabsPage
      title={t('nav.telephony')}
      tabs={[
        { key: 'connections', label: t('cti.connections'), children: <ConnectionsCard /> },
        { key: 'seats', label: t('cti.seats'), children: <SeatsCard /> },
        { key: 'queue', label: t('cti.queue'), children: <QueueCard /> },
        ...(can('settings.manage')
          ? [{ key: 'do-not-call', label: t('consent.doNotCall'), children: <SuppressionList channel="phone" /> }]
          : []),
      ]}
    />
  );
}

function ConnectionsCard() {
  const { t } = useTranslation();
  const connections = useCtiConnections();
  const remove = useDeleteConnection();
  const [editing, setEditing] = useState<CtiConnection | 'new' | null>(null);
  return (
    <>
      <Card
        title={t('cti.connections')}
        size="small"
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="cti-connection-add">
            {t('cti.newConnection')}
          </Button>
        }
      >
        <Alert type="info" showIcon message={t('cti.signingHint')} style={{ marginBottom: 12 }} />
        <Table
          size="small"
          rowKey="id"
          loading={connections.isLoading}
          dataSource={connections.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('cti.noConnections') }}
          columns={[
            { title: t('cti.fields.name'), dataIndex: 'name' },
            { title: t('cti.fields.kind'), render: (_, c) => t(`cti.kinds.${c.kind}`) },
            {
              title: t('cti.fields.status'),
              render: (_, c) => (
                <Badge
                  status={!c.enabled ? 'default' : c.status === 'connected' || c.kind === 'cloud' ? 'success' : 'error'}
                  text={c.kind === 'cloud' ? '—' : (c.status ?? '—')}
                />
              ),
            },
            {
              title: t('cti.fields.callbackPath'),
              render: (_, c) => (
                <Space direction="vertical" size={0}>
                  {c.kind === 'cloud' && <Typography.Text copyable>{c.callbackPath}</Typography.Text>}
                  <Typography.Text copyable type="secondary">
                    {c.lookupPath}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'actions',
              render: (_, c) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(c)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(c.id)}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ConnectionDialog
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== null}
        connection={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
