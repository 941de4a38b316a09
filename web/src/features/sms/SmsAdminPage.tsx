import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type SmsOutboxItem, type SmsProviderName, type SmsTemplate, smsProviders } from '@relate/common';
import {
  Alert,
  App,
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
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../components/forms';
import { AdminTabsPage } from '../../components/AdminTabsPage';
import { SuppressionList } from '../consent/SuppressionList';
import {
  useDeleteSmsTemplate,
  useSaveSmsSettings,
  useSaveSmsTemplate,
  useSmsOutbox,
  useSmsSettings,
  useSmsTemplates,
} from './queries';

/** 设置 › 短信: the provider, the templates, the local outbox and the suppression list. */
export function SmsAdminPage() {
  const { t } = useTranslation();
  return (
    <AdminTabsPage
      title={t('nav.sms')}
      tabs={[
        { key: 'provider', label: t('sms.provider'), children: <ProviderCard /> },
        { key: 'templates', label: t('sms.templates'), children: <TemplatesTab /> },
        { key: 'outbox', label: t('sms.outbox'), children: <OutboxTab /> },
        { key: 'suppressions', label: t('consent.suppressions'), children: <SuppressionList /> },
      ]}
    />
  );
}

type ProviderValues = {
  provider: SmsProviderName;
  perRecipientPerHour: number;
  aliyun?: { accessKeyId?: string; accessKeySecret?: string; endpoint?: string };
  tencent?: { secretId?: string; secretKey?: string; sdkAppId?: string; region?: string; endpoint?: string };
};

function ProviderCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSmsSettings();
  const save = useSaveSmsSettings();
  const [form] = Form.useForm<ProviderValues>();
  const report = useErrorReporter(form);
  const provider = Form.useWatch('provider', form);
  if (settings.isLoading) return null;
  const current = settings.data;
  const submit = async (values: ProviderValues) => {
    const blank = (v?: string) => (v ? v : undefined);
    try {
      await save.mutateAsync({
        provider: values.provider,
        perRecipientPerHour: values.perRecipientPerHour,
        // The providers not chosen keep their stored keys (left out, not null).
        aliyun:
          values.provider === 'aliyun' && values.aliyun?.accessKeyId
            ? {
                accessKeyId: values.aliyun.accessKeyId,
                accessKeySecret: blank(values.aliyun.accessKeySecret),
                endpoint: values.aliyun.endpoint || null,
              }
            : undefined,
        tencent:
          values.provider === 'tencent' && values.tencent?.secretId
            ? {
                secretId: values.tencent.secretId,
                secretKey: blank(values.tencent.secretKey),
                sdkAppId: values.tencent.sdkAppId ?? '',
                region: values.tencent.region || 'ap-guangzhou',
                endpoint: values.tencent.endpoint || null,
              }
            : undefined,
      });
      message.success(t('common.saved'));
    } catch (error) {
      report(error);
    }
  };
  return (
    <Card>
      <Form<ProviderValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={submit}
        initialValues={{
          provider: current?.provider ?? 'outbox',
          perRecipientPerHour: current?.perRecipientPerHour ?? 5,
          aliyun: { accessKeyId: current?.aliyun?.accessKeyId, endpoint: current?.aliyun?.endpoint ?? undefined },
          tencent: {
            secretId: current?.tencent?.secretId,
            sdkAppId: current?.tencent?.sdkAppId,
            region: current?.tencent?.region ?? 'ap-guangzhou',
            endpoint: current?.tencent?.endpoint ?? undefined,
          },
        }}
      >
        <Form.Item name="provider" label={t('sms.provider')} rules={[{ required: true }]}>
          <Select
            data-testid="sms-provider"
            options={smsProviders.map((p) => ({ value: p, label: t(`sms.providers.${p}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="perRecipientPerHour"
          label={t('sms.perRecipientPerHour')}
          extra={t('sms.perRecipientHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} />
        </Form.Item>
        {provider === 'aliyun' && (
          <>
            <Form.Item name={['aliyun', 'accessKeyId']} label="AccessKey ID" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name={['aliyun', 'accessKeySecret']}
              label="AccessKey Secret"
              extra={current?.aliyun?.secretSet ? t('sms.secretKept') : undefined}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name={['aliyun', 'endpoint']} label={t('sms.endpoint')}>
              <Input placeholder="dysmsapi.aliyuncs.com" />
            </Form.Item>
          </>
        )}
        {provider === 'tencent' && (
          <>
            <Form.Item name={['tencent', 'secretId']} label="SecretId" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name={['tencent', 'secretKey']}
              label="SecretKey"
              extra={current?.tencent?.secretSet ? t('sms.secretKept') : undefined}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name={['tencent', 'sdkAppId']} label="SmsSdkAppId" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name={['tencent', 'region']} label={t('sms.region')}>
              <Input />
            </Form.Item>
            <Form.Item name={['tencent', 'endpoint']} label={t('sms.endpoint')}>
              <Input placeholder="sms.tencentcloudapi.com" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sms-provider-save">
          {t('common.save')}
        </Button>
      </Form>
      {current && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          message={t('sms.callbacks')}
          description={
            <>
              <div>
                {t('sms.receiptsUrl')}:{' '}
                <Typography.Text copyable code>
                  {`${window.location.origin}${current.callbacks.receipts}`}
                </Typography.Text>
              </div>
              <div>
                {t('sms.repliesUrl')}:{' '}
                <Typography.Text copyable code>
                  {`${window.location.origin}${current.callbacks.replies}`}
                </Typography.Text>
              </div>
            </>
          }
        />
      )}
    </Card>
  );
}

type TemplateValues = {
  name: string;
  providerCode: string;
  signature: string;
  content: string;
  variables: Array<{ name: string; maxLength: number }>;
  enabled: boolean;
};

function TemplatesTab() {
  const { t } = useTranslation();
  const templates = useSmsTemplates();
  const remove = useDeleteSmsTemplate();
  const [editing, setEditing] = useState<SmsTemplate | 'new' | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sms-template-add">
        {t('sms.addTemplate')}
      </Button>
      <Table<SmsTemplate>
        rowKey="id"
        loading={templates.isLoading}
        dataSource={templates.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('sms.templateName'), dataIndex: 'name' },
          { title: t('sms.providerCode'), dataIndex: 'providerCode' },
          { title: t('sms.signature'), dataIndex: 'signature' },
          { title: t('sms.content'), dataIndex: 'content', ellipsis: true },
          {
            title: t('sms.variables'),
            dataIndex: 'variables',
            render: (vars: SmsTemplate['variables']) => vars.map((v) => `${v.name} ≤ ${v.maxLength}`).join(', '),
          },
          {
            title: t('sms.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean) => (on ? <Tag color="green">{t('sms.on')}</Tag> : <Tag>{t('sms.off')}</Tag>),
          },
          {
            key: 'actions',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutateAsync(row.id)}>
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <TemplateDialog template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function TemplateDialog({ template, onClose }: { template: SmsTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TemplateValues>();
  const save = useSaveSmsTemplate();
  const report = useErrorReporter(form);
  const submit = async (body: TemplateValues) => {
    try {
      await save.mutateAsync({ id: template?.id, body });
      onClose();
    } catch (error) {
      report(error);
    }
  };
  return (
    <Modal
      open
      title={template ? t('sms.editTemplate') : t('sms.addTemplate')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ id: 'sms-template-ok' }}
    >
      <Form<TemplateValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={template ?? { enabled: true, variables: [] }}
      >
        <Form.Item name="name" label={t('sms.templateName')} rules={[{ required: true }]}>
          <Input data-testid="sms-template-name" />
        </Form.Item>
        <Form.Item name="providerCode" label={t('sms.providerCode')} rules={[{ required: true }]}>
          <Input data-testid="sms-template-code" placeholder="SMS_123456789" />
        </Form.Item>
        <Form.Item name="signature" label={t('sms.signature')} rules={[{ required: true, min: 2, max: 20 }]}>
          <Input data-testid="sms-template-signature" />
        </Form.Item>
        <Form.Item name="content" label={t('sms.content')} extra={t('sms.contentHint')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="sms-template-content" />
        </Form.Item>
        <Form.List name="variables">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, pattern: /^[A-Za-z0-9_]+$/ }]}>
                    <Input placeholder={t('sms.variableName')} data-testid={`sms-template-var-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'maxLength']} rules={[{ required: true }]} initialValue={35}>
                    <InputNumber min={1} max={500} addonBefore="≤" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid="sms-template-var-add">
                {t('sms.addVariable')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="enabled" label={t('sms.enabled')} valuePropName="checked" style={{ marginTop: 16 }}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OutboxTab() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const outbox = useSmsOutbox({ page, pageSize: 20 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('sms.outboxHint')}</Typography.Paragraph>
      <Table<SmsOutboxItem>
        rowKey="id"
        data-testid="sms-outbox"
        loading={outbox.isLoading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: outbox.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('sms.time'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('sms.phone'), dataIndex: 'phone' },
          { title: t('sms.providerCode'), dataIndex: 'templateCode' },
          { title: t('sms.content'), dataIndex: 'content' },
        ]}
      />
    </Space>
  );
}
