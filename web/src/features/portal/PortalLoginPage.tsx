import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { CaptchaField } from '../../components/CaptchaField';
import { usePortal } from './PortalSession';
import { usePortalCaptcha, usePortalLogin } from './queries';
import { useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';

type LoginValues = { login: string; password: string; captchaText?: string };

/** Sign-in for customers: email and password, with a captcha once the server asks for one. */
export function PortalLoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login'));
  const required = useRequired();
  const { session, branding } = usePortal();
  const navigate = useNavigate();
  const location = useLocation();
  // The captcha is asked for only once the server wants one.
  const { captcha, renew: renewCaptcha } = usePortalCaptcha({ fetchOnOpen: false });
  const login = usePortalLogin();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<LoginValues>();
  if (session) return <Navigate to="/portal" replace />;
  const submit = async (values: LoginValues) => {
    setError(null);
    try {
      await login.mutateAsync({ ...values, captchaId: captcha?.id });
      void navigate((location.state as { from?: string } | null)?.from ?? '/portal', { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && (e.code === 'CAPTCHA_REQUIRED' || captcha)) {
        form.setFieldValue('captchaText', '');
        renewCaptcha();
      }
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('portal.loginTitle', { company: branding?.companyName ?? '' })}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item name="login" label={t('portal.email')} rules={required.value}>
          <Input autoComplete="username" autoFocus type="email" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={required.value}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {captcha && <CaptchaField captcha={captcha} onReload={renewCaptcha} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
        {branding?.passwordReset && (
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
            <Link to="/portal/forgot">{t('portal.forgotPassword')}</Link>
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t(branding?.passwordReset ? 'portal.loginHintReset' : 'portal.loginHint')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
