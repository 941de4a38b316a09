import { Button, Card, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ChangePasswordCard } from '../../components/ChangePasswordCard';
import { useApiKeys, useChangePassword, useCreateApiKey, useRevokeApiKey } from './queries';
import { useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.profile'));
  const required = useRequired();
  const { info } = useSession();
  const [keyForm] = Form.useForm<{ name: string }>();
  const [newKey, setNewKey] = useState<string | null>(null);
  const keys = useApiKeys();
  const createKey = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const changePassword = useChangePassword();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{info?.user.displayName}</Typography.Title>
      <ChangePasswordCard
        submit={async (values) => {
          const result = await changePassword.mutateAsync(values);
          // A key shown once before the change no longer works: stop showing it.
          setNewKey(null);
          return result;
        }}
        doneMessage={(result) => {
          const count = (result as { apiKeysRevoked: number }).apiKeysRevoked;
          return count ? t('profile.passwordChangedKeysRevoked', { count }) : t('profile.passwordChanged');
        }}
      />
      <Card title={t('profile.apiKeys')}>
        <Form
          form={keyForm}
          layout="inline"
          onFinish={(values) =>
            createKey.mutate(values.name, {
              onSuccess: (created) => {
                setNewKey(created.key);
                keyForm.resetFields();
              },
            })
          }
        >
          <Form.Item name="name" rules={required.value}>
            <Input placeholder={t('profile.keyName')} />
          </Form.Item>
          <Button htmlType="submit" loading={createKey.isPending}>
            {t('profile.createKey')}
          </Button>
        </Form>
        {newKey && (
          <Typography.Paragraph copyable={{ text: newKey }} type="warning" style={{ marginTop: 16 }}>
            {t('profile.keyShownOnce')} <code>{newKey}</code>
          </Typography.Paragraph>
        )}
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          pagination={false}
          columns={[
            { title: t('profile.keyName'), dataIndex: 'name' },
            { title: t('profile.keyPrefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => new Date(v).toLocaleString(),
            },
            {
              title: '',
              render: (_, row) => (
                <Popconfirm title={t('profile.revokeConfirm')} onConfirm={() => revoke.mutate(row.id)}>
                  <Button danger size="small">
                    {t('profile.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
