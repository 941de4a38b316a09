import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { type Captcha, CaptchaField } from '../../components/CaptchaField';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useLogin, useNewCaptcha } from './queries';
import { useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login'));
  const required = useRequired();
  const { info, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [busy, setBusy] = useState(false);
  const login = useLogin();
  const newCaptcha = useNewCaptcha();

  if (info) return <Navigate to={(location.state as { from?: string })?.from ?? '/'} replace />;

  const loadCaptcha = async () => setCaptcha(await newCaptcha.mutateAsync());

  const submit = async (values: { username: string; password: string; captchaText?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await login.mutateAsync({ ...values, captchaId: captcha?.id });
      signedIn(next);
      void navigate((location.state as { from?: string })?.from ?? '/', { replace: true });
    } catch (e) {
      const apiError = e as ApiError;
      setError(apiError.message);
      if (apiError.code === 'CAPTCHA_REQUIRED' || captcha) {
        form.setFieldValue('captchaText', '');
        await loadCaptcha();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#e6f4ff,#f9f0ff)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              Relate CRM
            </Typography.Title>
            <LocaleSwitch />
          </div>
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('auth.username')} rules={required.value}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={required.value}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {captcha && <CaptchaField captcha={captcha} onReload={() => void loadCaptcha()} />}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('auth.login')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
