import { MailOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import type { Mailbox } from '@relate/common';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
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
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { DictionarySelect } from '../../components/dictionaries';
import {
  useCreateMailbox,
  useDeleteMailbox,
  useLogEmail,
  useMailboxes,
  useSyncMailbox,
  useUnmatchedEmails,
  useUpdateMailbox,
} from './queries';

type Values = {
  kind: 'personal' | 'shared';
  address: string;
  imapHost: string;
  imapPort: number;
  imapTls: boolean;
  imapUser: string;
  password: string;
  syncFrom: Dayjs;
  serviceMailbox: boolean;
  categoryRules: { keyword: string; category: string }[];
};

/** 设置 › 邮箱: the mailboxes read into the CRM — my own, and the shared ones for administrators. */
/** A mailbox's last error in words: messages kept but not filed as tickets are named as such. */
function lastErrorText(t: TFunction, error: string): string {
  const notFiled = /^ticketFilingFailed: (\d+): ([\s\S]*)$/.exec(error);
  if (notFiled) return t('mailboxes.notFiled', { count: Number(notFiled[1]), detail: notFiled[2] });
  return `${t('mailboxes.failed')}: ${error}`;
}

export function MailboxesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.mailboxes'));
  const { can } = useSession();
  const { message } = App.useApp();
  const mailboxes = useMailboxes();
  const syncMailbox = useSyncMailbox();
  const deleteMailbox = useDeleteMailbox();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Mailbox | null>(null);
  const [unknownOf, setUnknownOf] = useState<Mailbox | null>(null);
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
                {row.serviceMailbox && <Tag color="purple">{t('mailboxes.service.tag')}</Tag>}
                {row.idle && <Tag color="green">IDLE</Tag>}
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
                  {lastErrorText(t, row.lastError)}
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
                <Button size="small" onClick={() => setEditing(row)} data-testid="mailbox-edit">
                  {t('common.edit')}
                </Button>
                {!row.serviceMailbox && (
                  <Button size="small" onClick={() => setUnknownOf(row)}>
                    {t('mailboxes.unknown.open')}
                  </Button>
                )}
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
      {adding && <MailboxForm shared={can('settings.manage')} onClose={() => setAdding(false)} />}
      {editing && <MailboxForm shared={false} mailbox={editing} onClose={() => setEditing(null)} />}
      {unknownOf && <UnknownSenders mailbox={unknownOf} onClose={() => setUnknownOf(null)} />}
    </Card>
  );
}

/**
 * Adds a mailbox, or changes one: the server signs in to it before saving, and says so when the password
 * is wrong. A stored password is never shown; left blank when editing, it is kept.
 */
function MailboxForm({ shared, mailbox, onClose }: { shared: boolean; mailbox?: Mailbox; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const createMailbox = useCreateMailbox();
  const updateMailbox = useUpdateMailbox();
  const kind = Form.useWatch('kind', form) ?? mailbox?.kind;
  const service = Form.useWatch('serviceMailbox', form);
  const save = async (values: Values) => {
    try {
      const syncFrom = values.syncFrom.format('YYYY-MM-DD');
      const categoryRules = (values.categoryRules ?? []).filter((r) => r?.keyword && r?.category);
      if (mailbox) {
        const { kind: _kind, password, ...rest } = values;
        await updateMailbox.mutateAsync({
          id: mailbox.id,
          body: { ...rest, password: password || null, syncFrom, categoryRules },
        });
        message.success(t('mailboxes.saved'));
      } else {
        await createMailbox.mutateAsync({ ...values, syncFrom, categoryRules });
        message.success(t('mailboxes.connected'));
      }
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open
      title={mailbox ? t('mailboxes.edit') : t('mailboxes.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mailboxes.testAndSave')}
      confirmLoading={createMailbox.isPending || updateMailbox.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          mailbox
            ? {
                kind: mailbox.kind,
                address: mailbox.address,
                imapHost: mailbox.imapHost,
                imapPort: mailbox.imapPort,
                imapTls: mailbox.imapTls,
                imapUser: mailbox.imapUser,
                syncFrom: dayjs(mailbox.syncFrom),
                serviceMailbox: mailbox.serviceMailbox,
                categoryRules: mailbox.categoryRules,
              }
            : {
                kind: 'personal',
                imapPort: 993,
                imapTls: true,
                syncFrom: dayjs().subtract(3, 'month'),
                serviceMailbox: false,
                categoryRules: [],
              }
        }
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
          rules={mailbox ? [] : required.value}
          extra={mailbox ? t('mailboxes.passwordKeep') : t('mailboxes.passwordHint')}
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
        {kind === 'shared' && (
          <Form.Item
            name="serviceMailbox"
            label={t('mailboxes.service.label')}
            valuePropName="checked"
            extra={t('mailboxes.service.hint')}
          >
            <Switch data-testid="mailbox-service" />
          </Form.Item>
        )}
        {kind === 'shared' && service && (
          <Form.List name="categoryRules">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>{t('mailboxes.service.rules')}</Typography.Text>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'keyword']} rules={required.value}>
                      <Input placeholder={t('mailboxes.service.keyword')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'category']} rules={required.value}>
                      <DictionarySelect type="service_category" style={{ width: 160 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('common.delete')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ keyword: '', category: undefined })}>
                  {t('mailboxes.service.addRule')}
                </Button>
              </Space>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

/** Recent mail from addresses no record has (read from the server, not kept): each can be logged as a new lead. */
function UnknownSenders({ mailbox, onClose }: { mailbox: Mailbox; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const unmatched = useUnmatchedEmails(mailbox.id);
  const logEmail = useLogEmail();
  return (
    <Drawer open width={720} title={t('mailboxes.unknown.title')} onClose={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('mailboxes.unknown.hint')}</Typography.Paragraph>
      <List
        loading={unmatched.isLoading}
        dataSource={unmatched.data?.items ?? []}
        locale={{
          emptyText: unmatched.error ? String((unmatched.error as Error).message) : t('mailboxes.unknown.none'),
        }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button
                key="log"
                size="small"
                loading={logEmail.isPending && logEmail.variables?.uid === m.uid}
                onClick={() =>
                  logEmail.mutate(
                    {
                      id: mailbox.id,
                      uid: m.uid,
                      body: { as: 'lead', name: m.from?.name || m.from?.address || '-' },
                    },
                    {
                      onSuccess: (logged) => {
                        message.success(t('mailboxes.unknown.logged'));
                        void navigate(`/leads/${logged.entityId}`);
                      },
                      onError: (error) => void message.error((error as Error).message),
                    },
                  )
                }
              >
                {t('mailboxes.unknown.logAsLead')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={m.subject || t('mailboxes.noSubject')}
              description={`${m.from?.name ? `${m.from.name} <${m.from.address}>` : (m.from?.address ?? '-')} · ${dayjs(m.sentAt).format('YYYY-MM-DD HH:mm')}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
