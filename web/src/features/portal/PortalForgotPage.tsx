import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CaptchaField } from '../../components/CaptchaField';
import { usePortal } from './PortalSession';
import { usePortalCaptcha, useRequestPortalPasswordReset } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** A contact who forgot the password asks for a link to set a new one; the answer is the same whether the email is known or not. */
export function PortalForgotPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.forgotPassword'));
  const { branding } = usePortal();
  const { captcha, renew } = usePortalCaptcha({ fetchOnOpen: true });
  const requestReset = useRequestPortalPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const renewCaptcha = () => {
    form.setFieldValue('captchaText', '');
    renew();
  };
  const submit = async (values: { login: string; captchaText: string }) => {
    setError(null);
    try {
      await requestReset.mutateAsync({ ...values, captchaId: captcha?.id });
      setSentTo(values.login);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      renewCaptcha();
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      {sentTo ? (
        <Result
          status="success"
          title={t('portal.resetSentTitle')}
          subTitle={t('portal.resetSent', { email: sentTo })}
          extra={<Link to="/portal/login">{t('portal.backToLogin')}</Link>}
        />
      ) : (
        <>
          <Typography.Title level={3} style={{ textAlign: 'center' }}>
            {t('portal.forgotTitle', { company: branding?.companyName ?? '' })}
          </Typography.Title>
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
            <Form.Item
              name="login"
              label={t('portal.email')}
              rules={[
                { required: true, message: t('validation.required') },
                { type: 'email', message: t('validation.email') },
              ]}
            >
              <Input autoComplete="username" autoFocus type="email" />
            </Form.Item>
            <CaptchaField captcha={captcha} onReload={renewCaptcha} />
            <Button type="primary" htmlType="submit" block loading={requestReset.isPending}>
              {t('portal.sendResetLink')}
            </Button>
            <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
              <Link to="/portal/login">{t('portal.backToLogin')}</Link>
            </Typography.Paragraph>
          </Form>
        </>
      )}
    </Card>
  );
}
