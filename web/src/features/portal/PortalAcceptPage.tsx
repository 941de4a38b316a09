import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePortal } from './PortalSession';
import { useAcceptPortalInvitation } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** Where an invitation link leads: the customer chooses a password and is signed in. */
export function PortalAcceptPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.setPassword'));
  const required = useRequired();
  const { branding } = usePortal();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const accept = useAcceptPortalInvitation();
  const token = params.get('token') ?? '';
  const submit = async (values: { password: string }) => {
    try {
      await accept.mutateAsync({ token, password: values.password });
      void navigate('/portal', { replace: true });
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('portal.acceptTitle', { company: branding?.companyName ?? '' })}
      </Typography.Title>
      {!token && <Alert type="error" showIcon message={t('portal.noToken')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('portal.newPassword')}
          rules={required.value}
          extra={t('portal.passwordHint', { min: branding?.passwordMinLength ?? 8 })}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('portal.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('portal.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={accept.isPending} disabled={!token}>
          {t('portal.setPassword')}
        </Button>
      </Form>
    </Card>
  );
}
