import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, useRequired } from './forms';

export type PasswordChange = { currentPassword: string; newPassword: string };

/** One's own password change, for staff and portal contacts alike; the server's messages land on their fields. */
export function ChangePasswordCard({
  submit,
  minLength,
  doneMessage,
}: {
  submit: (values: PasswordChange) => Promise<unknown>;
  minLength?: number;
  doneMessage?: (result: unknown) => string;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordChange>();
  const report = useErrorReporter(form);
  const change = async (values: PasswordChange) => {
    try {
      const result = await submit(values);
      form.resetFields();
      message.success(doneMessage?.(result) ?? t('profile.passwordChanged'));
    } catch (error) {
      report(error);
    }
  };
  return (
    <Card title={t('profile.changePassword')}>
      <Form form={form} layout="vertical" style={{ maxWidth: 400 }} onFinish={change}>
        <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={required.value}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          rules={required.value}
          extra={minLength ? t('portal.passwordHint', { min: minLength }) : undefined}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
