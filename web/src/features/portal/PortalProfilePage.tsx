import { App, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull, useErrorReporter, useMobileRules, usePhoneRules, useRequired } from '../../components/forms';
import { ChangePasswordCard } from '../../components/ChangePasswordCard';
import { usePortal } from './PortalSession';
import { useChangePortalPassword, useUpdatePortalProfile } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type ProfileValues = { name: string; title: string; mobile: string; phone: string };

/** The contact keeps their own details current and changes their password. */
export function PortalProfilePage() {
  const { t } = useTranslation();
  const phoneRules = usePhoneRules();
  const mobileRules = useMobileRules();
  usePageTitle(t('portal.nav.profile'));
  const required = useRequired();
  const { message } = App.useApp();
  const { session, branding } = usePortal();
  const updateProfile = useUpdatePortalProfile();
  const changePassword = useChangePortalPassword();
  const [profileForm] = Form.useForm<ProfileValues>();
  const reportProfile = useErrorReporter(profileForm);
  if (!session) return null;
  const saveProfile = async (values: ProfileValues) => {
    try {
      await updateProfile.mutateAsync(emptyToNull(values));
      message.success(t('common.saved'));
    } catch (error) {
      reportProfile(error);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Card title={t('portal.nav.profile')}>
        <Form
          form={profileForm}
          layout="vertical"
          onFinish={saveProfile}
          initialValues={{
            name: session.name,
            title: session.title ?? '',
            mobile: session.mobile ?? '',
            phone: session.phone ?? '',
          }}
        >
          <Form.Item label={t('portal.email')}>
            <Input value={session.login} disabled />
          </Form.Item>
          <Form.Item name="name" label={t('contacts.fields.name')} rules={required.text}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="title" label={t('contacts.fields.title')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="mobile" label={t('contacts.fields.mobile')} rules={mobileRules}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('contacts.fields.phone')} rules={phoneRules}>
            <Input maxLength={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <ChangePasswordCard submit={changePassword.mutateAsync} minLength={branding?.passwordMinLength ?? 8} />
    </Space>
  );
}
