import { MailOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import type { Mailbox } from '@relate/common';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { useCreateMailbox, useDeleteMailbox, useMailboxes, useSyncMailbox } from './queries';

type Values = {
  kind: 'personal' | 'shared';
  address: string;
  imapHost: string;
  imapPort: number;
  imapTls: boolean;
  imapUser: string;
  password: string;
  syncFrom: Dayjs;
};

/** 设置 › 邮箱: the mailboxes read into the CRM — my own, and the shared ones for administrators. */
export function MailboxesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.mailboxes'));
  const { can } = useSession();
  const { message } = App.useApp();
  const mailboxes = useMailboxes();
  const syncMailbox = useSyncMailbox();
  const deleteMailbox = useDeleteMailbox();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={t('nav.mailboxes')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('mailboxes.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('mailboxes.hint')}</Typography.Paragraph>
      <Table<Mailbox>
        rowKey="id"
        loading={mailboxes.isLoading}
        dataSource={mailboxes.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: mailboxes.isLoading ? (
            ' '
          ) : (
            <Empty description={t('insight.noMailbox')}>
              <Typography.Paragraph type="secondary">{t('insight.noMailboxHint')}</Typography.Paragraph>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('mailboxes.add')}
              </Button>
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('mailboxes.address'),
            dataIndex: 'address',
            render: (address: string, row) => (
              <Space>
                <MailOutlined />
                {address}
                <Tag>{t(`mailboxes.kinds.${row.kind}`)}</Tag>
              </Space>
            ),
          },
          { title: t('mailboxes.server'), render: (_, row) => `${row.imapHost}:${row.imapPort}` },
          { title: t('mailboxes.syncFrom'), dataIndex: 'syncFrom' },
          { title: t('mailboxes.messageCount'), dataIndex: 'messageCount' },
          {
            title: t('mailboxes.state'),
            render: (_, row) =>
              row.lastError ? (
                <Typography.Text type="danger" data-testid="mailbox-error">
                  {t('mailboxes.failed')}: {row.lastError}
                </Typography.Text>
              ) : row.lastSyncedAt ? (
                <Typography.Text data-testid="mailbox-synced">
                  {t('mailboxes.syncedAt', { at: dayjs(row.lastSyncedAt).format('YYYY-MM-DD HH:mm') })}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('mailboxes.notYet')}</Typography.Text>
              ),
          },
          {
            title: '',
            render: (_, row) => (
              <Space>
                <Button
                  size="small"
                  icon={<SyncOutlined />}
                  loading={syncMailbox.isPending && syncMailbox.variables === row.id}
                  onClick={() =>
                    syncMailbox.mutate(row.id, { onSuccess: () => void message.success(t('mailboxes.syncQueued')) })
                  }
                >
                  {t('mailboxes.syncNow')}
                </Button>
                <Popconfirm title={t('mailboxes.removeConfirm')} onConfirm={() => deleteMailbox.mutateAsync(row.id)}>
                  <Button size="small" danger>
                    {t('mailboxes.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {adding && <AddMailbox shared={can('settings.manage')} onClose={() => setAdding(false)} />}
    </Card>
  );
}

/** Adds a mailbox: the server signs in to it before saving, and says so when the password is wrong. */
function AddMailbox({ shared, onClose }: { shared: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const createMailbox = useCreateMailbox();
  const save = async (values: Values) => {
    try {
      await createMailbox.mutateAsync({ ...values, syncFrom: values.syncFrom.format('YYYY-MM-DD') });
      message.success(t('mailboxes.connected'));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open
      title={t('mailboxes.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mailboxes.testAndSave')}
      confirmLoading={createMailbox.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ kind: 'personal', imapPort: 993, imapTls: true, syncFrom: dayjs().subtract(3, 'month') }}
      >
        {shared && (
          <Form.Item name="kind" label={t('mailboxes.kind')}>
            <Radio.Group
              options={[
                { value: 'personal', label: t('mailboxes.kinds.personal') },
                { value: 'shared', label: t('mailboxes.kinds.shared') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="address"
          label={t('mailboxes.address')}
          rules={[{ required: true, type: 'email', message: t('validation.email') }]}
        >
          <Input placeholder="name@example.com" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="imapHost" label={t('mailboxes.imapHost')} rules={required.value} style={{ flex: 1 }}>
            <Input placeholder="imap.example.com" />
          </Form.Item>
          <Form.Item name="imapPort" label={t('mailboxes.port')} rules={required.value}>
            <InputNumber min={1} max={65535} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="imapTls" label={t('mailboxes.tls')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="imapUser" label={t('mailboxes.user')} rules={required.value}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('mailboxes.password')}
          rules={required.value}
          extra={t('mailboxes.passwordHint')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="syncFrom"
          label={t('mailboxes.syncFrom')}
          rules={required.value}
          extra={t('mailboxes.syncFromHint')}
        >
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
