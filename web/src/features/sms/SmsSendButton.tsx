import { MessageOutlined } from '@ant-design/icons';
import type { Contact, SmsTemplate } from '@relate/common';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import { renderPreview } from './preview';
import { useSendSms, useSmsRecipient, useSmsTemplates } from './queries';

type Values = { templateId?: number; variables: Record<string, string>; confirmUnsubscribed: boolean };

/** From a contact with a mobile number: send a person-to-person SMS from a template (logged on the timeline). */
export function SmsSendButton({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  if (!can('sms.send') || !contact.mobile) return null;
  return (
    <>
      <Button size="small" type="link" icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="sms-send">
        {t('sms.send')}
      </Button>
      {open && <SmsSendDialog contact={contact} onClose={() => setOpen(false)} />}
    </>
  );
}

function SmsSendDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const templates = useSmsTemplates();
  const recipient = useSmsRecipient(contact.id);
  const send = useSendSms();
  const report = useErrorReporter(form);
  const templateId = Form.useWatch('templateId', form);
  const values = Form.useWatch('variables', form) ?? {};
  const template: SmsTemplate | undefined = templates.data?.items.find((item) => item.id === templateId);
  const unsubscribed = recipient.data?.unsubscribed ?? false;

  const submit = async (input: Values) => {
    try {
      await send.mutateAsync({
        contactId: contact.id,
        body: {
          templateId: input.templateId!,
          variables: input.variables ?? {},
          confirmUnsubscribed: input.confirmUnsubscribed,
        },
      });
      message.success(t('sms.sent'));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open
      title={t('sms.sendTo', { name: contact.name, mobile: contact.mobile })}
      okText={t('sms.send')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
      okButtonProps={{ id: 'sms-send-ok' }}
      destroyOnHidden
    >
      {unsubscribed && (
        <Alert type="warning" showIcon message={t('sms.unsubscribedWarning')} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ variables: {}, confirmUnsubscribed: false }}
      >
        <Form.Item name="templateId" label={t('sms.template')} rules={[{ required: true }]}>
          <Select
            data-testid="sms-template"
            loading={templates.isLoading}
            options={(templates.data?.items ?? [])
              .filter((item) => item.enabled)
              .map((item) => ({ value: item.id, label: item.name }))}
          />
        </Form.Item>
        {template?.variables.map((variable) => (
          <Form.Item
            key={variable.name}
            name={['variables', variable.name]}
            label={variable.name}
            rules={[{ required: true }, { max: variable.maxLength }]}
          >
            <Input maxLength={variable.maxLength} showCount data-testid={`sms-var-${variable.name}`} />
          </Form.Item>
        ))}
        {template && (
          <Typography.Paragraph type="secondary" data-testid="sms-preview">
            {renderPreview(template, values)}
          </Typography.Paragraph>
        )}
        {unsubscribed && (
          <Form.Item
            name="confirmUnsubscribed"
            valuePropName="checked"
            rules={[
              { validator: (_, on) => (on ? Promise.resolve() : Promise.reject(new Error(t('sms.confirmNeeded')))) },
            ]}
          >
            <Checkbox>{t('sms.confirmUnsubscribed')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
