import { PlusOutlined } from '@ant-design/icons';
import type { Body, Role, User, UserInput } from '@relate/common';
import { App, Badge, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useMobileRules, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { DepartmentSelect, UserSelect, useDepartments } from '../../components/users';
import { useHandOverUser, useResetUserPassword, useRoles, useSaveUser, useSetUserStatus, useUsers } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

type UserValues = Body<typeof UserInput>;

export function UsersPage() {
  const { t } = useTranslation();
  const mobileRules = useMobileRules();
  usePageTitle(t('nav.users'));
  const required = useRequired();
  const { message, modal } = App.useApp();
  const { can, locale } = useSession();
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '' });
  const users = useUsers(query);
  const roles = useRoles({ enabled: can('roles.view') });
  const { data: departments = [] } = useDepartments();
  const saveUser = useSaveUser();
  const setUserStatus = useSetUserStatus();
  const resetUserPassword = useResetUserPassword();
  const handOverUser = useHandOverUser();
  const dialog = useSaveDialog<User>();
  const handoverDialog = useSaveDialog<User>();
  const roleName = (r: Role) => (locale === 'en' && r.nameEn ? r.nameEn : r.name);

  const setStatus = async (user: User, status: 'active' | 'disabled') => {
    try {
      await setUserStatus.mutateAsync({ id: user.id, status });
      if (status === 'disabled') handoverDialog.openEdit(user);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const resetPassword = (user: User) => {
    let password = '';
    modal.confirm({
      title: t('users.resetPassword'),
      content: (
        <Input.Password
          autoFocus
          onChange={(e) => (password = e.target.value)}
          placeholder={t('profile.newPassword')}
        />
      ),
      onOk: async () => {
        try {
          const { apiKeysRevoked } = await resetUserPassword.mutateAsync({ id: user.id, password });
          message.success(
            apiKeysRevoked ? t('users.passwordResetKeysRevoked', { count: apiKeysRevoked }) : t('common.saved'),
          );
        } catch (error) {
          message.error(Object.values((error as ApiError).fields)[0] ?? (error as ApiError).message);
          throw error;
        }
      },
    });
  };
  const handOver = async ({ toUserId }: { toUserId: number }, user: User | null) => {
    const result = await handOverUser.mutateAsync({ id: user!.id, toUserId });
    message.success(
      t('users.handoverDone', { customers: result.moved.customers ?? 0, contacts: result.moved.contacts ?? 0 }),
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.users')}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('common.search')}
            onSearch={(q) => setQuery({ ...query, q, page: 1 })}
            style={{ width: 220 }}
          />
          {can('org.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew}>
              {t('users.new')}
            </Button>
          )}
        </Space>
      </div>
      <Table<User>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.department'),
            dataIndex: 'departmentId',
            render: (id) => departments.find((d) => d.id === id)?.name ?? '-',
          },
          {
            title: t('users.roles'),
            dataIndex: 'roleIds',
            render: (ids: number[]) =>
              ids.map((id) => {
                const r = roles.data?.find((x) => x.id === id);
                return <Tag key={id}>{r ? roleName(r) : id}</Tag>;
              }),
          },
          {
            title: t('users.status'),
            dataIndex: 'status',
            render: (s) => <Badge status={s === 'active' ? 'success' : 'default'} text={t(`users.statuses.${s}`)} />,
          },
          {
            title: '',
            render: (_, user) =>
              can('org.manage') && (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => dialog.openEdit(user)}>
                    {t('common.edit')}
                  </Button>
                  <Button type="link" size="small" onClick={() => resetPassword(user)}>
                    {t('users.resetPassword')}
                  </Button>
                  {user.status === 'active' ? (
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: t('users.disableConfirm', { name: user.displayName }),
                          onOk: () => setStatus(user, 'disabled'),
                        })
                      }
                    >
                      {t('users.disable')}
                    </Button>
                  ) : (
                    <Button type="link" size="small" onClick={() => void setStatus(user, 'active')}>
                      {t('users.enable')}
                    </Button>
                  )}
                  <Button type="link" size="small" onClick={() => handoverDialog.openEdit(user)}>
                    {t('users.handover')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <SaveDialog<User, UserValues>
        dialog={dialog}
        title={{ create: t('users.new'), edit: t('users.edit') }}
        initialValues={{ locale: 'zh-CN' }}
        onSave={(values, user) => saveUser.mutateAsync({ id: user?.id, body: emptyToNull(values) })}
      >
        <Form.Item name="username" label={t('users.username')} rules={required.value}>
          <Input disabled={!dialog.isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required.value}>
          <Input />
        </Form.Item>
        {dialog.isNew && (
          <Form.Item name="password" label={t('auth.password')} rules={required.value}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="departmentId" label={t('users.department')} rules={required.value}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')} rules={required.value}>
          <Select mode="multiple" options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r) }))} />
        </Form.Item>
        <Form.Item name="managerId" label={t('users.manager')}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="email" label={t('customers.fields.email')}>
          <Input />
        </Form.Item>
        <Form.Item name="mobile" label={t('contacts.fields.mobile')} rules={mobileRules}>
          <Input />
        </Form.Item>
        <Form.Item name="locale" label={t('common.language')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
      </SaveDialog>
      <SaveDialog<User, { toUserId: number }>
        dialog={handoverDialog}
        title={t('users.handoverTitle', { name: handoverDialog.record?.displayName })}
        toValues={() => ({})}
        onSave={handOver}
        savedMessage={false}
        okText={t('common.ok')}
      >
        <Typography.Paragraph>{t('users.handoverHint')}</Typography.Paragraph>
        <Form.Item name="toUserId" label={t('users.handoverTo')} rules={required.value}>
          <UserSelect />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
