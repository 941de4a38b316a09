import type { MailSettings } from '@relate/common';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useMailServer, useRemoveMailServer, useSaveMailServer, useSendTestMail } from './queries';

type Values = Omit<MailSettings, 'passwordSet' | 'dkimKeySet'> & { password?: string; dkimPrivateKey?: string };

/** Optional fields left empty are saved as none, not as an empty (and so invalid) address or domain. */
const emptyAsNone = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** The outgoing mail server: reminders go out by email once it is set; a test message checks it. */
export function MailServerCard() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const [testTo, setTestTo] = useState('');
  const current = useMailServer();
  const saveMailServer = useSaveMailServer();
  const removeMailServer = useRemoveMailServer();
  const sendTestMail = useSendTestMail();
  useEffect(() => {
    form.resetFields();
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);

  const save = async (values: Values) => {
    const { password, dkimPrivateKey, ...rest } = values;
    try {
      // A password or key left empty keeps the stored one.
      await saveMailServer.mutateAsync({
        ...rest,
        bounceAddress: emptyAsNone(rest.bounceAddress),
        dkimDomain: emptyAsNone(rest.dkimDomain),
        dkimSelector: emptyAsNone(rest.dkimSelector),
        ...(password ? { password } : {}),
        ...(dkimPrivateKey?.trim() ? { dkimPrivateKey } : {}),
      });
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    }
  };
  const sendTest = async () => {
    try {
      await sendTestMail.mutateAsync(testTo);
      message.success(t('settings.mail.testSent', { to: testTo }));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('settings.mail.title')}
          {current.data ? <Tag color="green">{t('settings.mail.on')}</Tag> : <Tag>{t('settings.mail.off')}</Tag>}
        </Space>
      }
      loading={current.isLoading}
      extra={
        current.data && (
          <Popconfirm title={t('settings.mail.removeConfirm')} onConfirm={() => removeMailServer.mutateAsync()}>
            <Button danger size="small">
              {t('settings.mail.remove')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.mail.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ port: 465, secure: true }}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="host" label={t('settings.mail.host')} rules={required.value}>
              <Input placeholder="smtp.example.com" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="port" label={t('settings.mail.port')} rules={required.value}>
              <InputNumber min={1} max={65535} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="secure" label={t('settings.mail.secure')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('settings.mail.username')}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label={t('settings.mail.password')}
              extra={current.data?.passwordSet ? t('settings.mail.passwordKept') : undefined}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="from"
              label={t('settings.mail.from')}
              rules={[{ required: true, type: 'email', message: t('validation.email') }]}
            >
              <Input placeholder="crm@example.com" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fromName" label={t('settings.mail.fromName')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('settings.mail.campaignSection')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="bounceAddress"
              label={t('settings.mail.bounceAddress')}
              extra={t('settings.mail.bounceAddressHelp')}
              rules={[{ type: 'email', message: t('validation.email') }]}
            >
              <Input placeholder="bounces@example.com" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="dkimDomain" label={t('settings.mail.dkimDomain')}>
              <Input placeholder="example.com" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="dkimSelector" label={t('settings.mail.dkimSelector')}>
              <Input placeholder="relate" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="dkimPrivateKey"
              label={t('settings.mail.dkimPrivateKey')}
              extra={
                current.data?.dkimKeySet
                  ? `${t('settings.mail.dkimKeyKept')} · ${t('settings.mail.dkimHelp')}`
                  : t('settings.mail.dkimHelp')
              }
            >
              <Input.TextArea rows={3} autoComplete="off" placeholder="-----BEGIN PRIVATE KEY-----" />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
          {current.data && (
            <Space.Compact>
              <Input
                placeholder={t('settings.mail.testTo')}
                value={testTo}
                onChange={(e) => setTestTo(e.target.value)}
                style={{ width: 240 }}
              />
              <Button onClick={() => void sendTest()} loading={sendTestMail.isPending} disabled={!testTo}>
                {t('settings.mail.test')}
              </Button>
            </Space.Compact>
          )}
        </Space>
      </Form>
    </Card>
  );
}
