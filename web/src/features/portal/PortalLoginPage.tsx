import type { PortalSession } from '@relate/common';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { type Captcha, CaptchaField } from '../../components/CaptchaField';
import { portalApi } from './portal-api';
import { usePortal } from './PortalSession';

/** Sign-in for customers: email and password, with a captcha once the server asks for one. */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const { session, branding, signedIn } = usePortal();
  const navigate = useNavigate();
  const location = useLocation();
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  if (session) return <Navigate to="/portal" replace />;
  const loadCaptcha = async () => setCaptcha(await portalApi.get<Captcha>('/api/portal/v1/captcha'));
  const submit = async (values: { login: string; password: string; captchaText?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await portalApi.post<PortalSession>('/api/portal/v1/login', { ...values, captchaId: captcha?.id });
      signedIn(next);
      void navigate((location.state as { from?: string } | null)?.from ?? '/portal', { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && (e.code === 'CAPTCHA_REQUIRED' || captcha)) {
        form.setFieldValue('captchaText', '');
        await loadCaptcha();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('portal.loginTitle', { company: branding?.companyName ?? '' })}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="login"
          label={t('portal.email')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input autoComplete="username" autoFocus type="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {captcha && <CaptchaField captcha={captcha} onReload={() => void loadCaptcha()} />}
        <Button type="primary" htmlType="submit" block loading={busy}>
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
