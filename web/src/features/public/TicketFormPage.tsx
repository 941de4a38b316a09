import { Alert, Button, Card, Form, Input, Result, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptchaField } from '../../components/CaptchaField';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useCaptcha, useSendWebFormTicket } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type WebFormValues = {
  name: string;
  company?: string;
  email?: string;
  phone?: string;
  subject: string;
  description?: string;
  captchaText: string;
};

/** The public web form a company embeds on its website: a visitor asks for help and gets a ticket number. */
export function TicketFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('webForm.title'));
  const required = useRequired();
  const [form] = Form.useForm<WebFormValues>();
  const reportError = useErrorReporter(form);
  const { captcha, renew: renewCaptcha } = useCaptcha();
  const sendTicket = useSendWebFormTicket();
  const [number, setNumber] = useState<string | null>(null);
  const submit = async (values: WebFormValues) => {
    try {
      const receipt = await sendTicket.mutateAsync({
        ...values,
        email: values.email || null,
        phone: values.phone || null,
        // Without a captcha the server refuses the request, as it must.
        captchaId: captcha?.id ?? '',
      });
      setNumber(receipt.number);
    } catch (error) {
      reportError(error);
      form.setFieldValue('captchaText', '');
      renewCaptcha();
    }
  };
  return (
    <div style={{ maxWidth: 640, margin: '24px auto', padding: 12 }}>
      <Card title={t('webForm.title')} extra={<LocaleSwitch />}>
        {number ? (
          <Result
            status="success"
            title={t('webForm.thanks')}
            subTitle={t('webForm.number', { number })}
            data-testid="web-form-done"
          />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Alert type="info" showIcon message={t('webForm.intro')} style={{ marginBottom: 16 }} />
            <Form.Item name="name" label={t('webForm.name')} rules={required.text}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="company" label={t('webForm.company')}>
              <Input maxLength={200} />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="email" label={t('webForm.email')} style={{ flex: 1 }}>
                <Input maxLength={200} type="email" />
              </Form.Item>
              <Form.Item name="phone" label={t('webForm.phone')} style={{ flex: 1, marginLeft: 8 }}>
                <Input maxLength={50} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="subject" label={t('webForm.subject')} rules={required.text}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('webForm.description')}>
              <Input.TextArea rows={5} maxLength={5000} />
            </Form.Item>
            <CaptchaField captcha={captcha} onReload={renewCaptcha} />
            <Button type="primary" htmlType="submit" loading={sendTicket.isPending} block data-testid="web-form-send">
              {t('webForm.send')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
