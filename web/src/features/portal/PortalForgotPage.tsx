import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Captcha, CaptchaField } from '../../components/CaptchaField';
import { portalApi } from './portal-api';
import { usePortal } from './PortalSession';

/** A contact who forgot the password asks for a link to set a new one; the answer is the same whether the email is known or not. */
export function PortalForgotPage() {
  const { t } = useTranslation();
  const { branding } = usePortal();
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const loadCaptcha = useCallback(async () => {
    form.setFieldValue('captchaText', '');
    setCaptcha(await portalApi.get<Captcha>('/api/portal/v1/captcha'));
  }, [form]);
  useEffect(() => void loadCaptcha(), [loadCaptcha]);
  const submit = async (values: { login: string; captchaText: string }) => {
    setBusy(true);
    setError(null);
    try {
      await portalApi.post('/api/portal/v1/password-reset', { ...values, captchaId: captcha?.id });
      setSentTo(values.login);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      await loadCaptcha();
    } finally {
      setBusy(false);
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
            <CaptchaField captcha={captcha} onReload={() => void loadCaptcha()} />
            <Button type="primary" htmlType="submit" block loading={busy}>
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
