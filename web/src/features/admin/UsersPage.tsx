import { PlusOutlined } from '@ant-design/icons';
import type { Page, Role, User } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { DepartmentSelect, UserSelect, useDepartments } from '../../components/users';

export function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can, locale } = useSession();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '' });
  const users = useQuery({
    queryKey: ['users', 'page', query],
    queryFn: () => api.get<Page<User>>('/api/v1/users', query),
    placeholderData: (p) => p,
  });
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<Role[]>('/api/v1/roles'),
    enabled: can('roles.view'),
  });
  const { data: departments = [] } = useDepartments();
  const [editing, setEditing] = useState<Partial<User> | null>(null);
  const [handover, setHandover] = useState<User | null>(null);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [handoverForm] = Form.useForm();
  const handoverError = useErrorReporter(handoverForm);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });
  const roleName = (r: Role) => (locale === 'en' && r.nameEn ? r.nameEn : r.name);

  const save = async (values: Record<string, unknown>) => {
    try {
      if (editing?.id) {
        const { password: _password, username: _username, ...patch } = values;
        await api.patch(`/api/v1/users/${editing.id}`, emptyToNull(patch));
      } else await api.post('/api/v1/users', emptyToNull(values));
      message.success(t('common.saved'));
      setEditing(null);
      refresh();
    } catch (error) {
      reportError(error);
    }
  };
  const setStatus = async (user: User, status: 'active' | 'disabled') => {
    try {
      await api.patch(`/api/v1/users/${user.id}`, { status });
      refresh();
      if (status === 'disabled') setHandover(user);
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
          const { apiKeysRevoked } = await api.post<{ apiKeysRevoked: number }>(`/api/v1/users/${user.id}/password`, {
            password,
          });
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
            <Button type="primary" icon={<PlusOutlined />} onClick={() => (setEditing({}), form.resetFields())}>
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
                  <Button type="link" size="small" onClick={() => (setEditing(user), form.setFieldsValue(user))}>
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
                  <Button type="link" size="small" onClick={() => setHandover(user)}>
                    {t('users.handover')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        title={editing?.id ? t('users.edit') : t('users.new')}
        open={Boolean(editing)}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ locale: 'zh-CN' }}>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input disabled={Boolean(editing?.id)} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input />
          </Form.Item>
          {!editing?.id && (
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item
            name="departmentId"
            label={t('users.department')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DepartmentSelect />
          </Form.Item>
          <Form.Item
            name="roleIds"
            label={t('users.roles')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select mode="multiple" options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r) }))} />
          </Form.Item>
          <Form.Item name="managerId" label={t('users.manager')}>
            <UserSelect />
          </Form.Item>
          <Form.Item name="email" label={t('customers.fields.email')}>
            <Input />
          </Form.Item>
          <Form.Item name="mobile" label={t('contacts.fields.mobile')}>
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
        </Form>
      </Modal>
      <Modal
        title={t('users.handoverTitle', { name: handover?.displayName })}
        open={Boolean(handover)}
        onCancel={() => setHandover(null)}
        onOk={() => handoverForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('users.handoverHint')}</Typography.Paragraph>
        <Form
          form={handoverForm}
          layout="vertical"
          preserve={false}
          onFinish={async ({ toUserId }) => {
            try {
              const result = await api.post<{ moved: Record<string, number> }>(
                `/api/v1/users/${handover!.id}/handover`,
                { toUserId },
              );
              message.success(
                t('users.handoverDone', {
                  customers: result.moved.customers ?? 0,
                  contacts: result.moved.contacts ?? 0,
                }),
              );
              setHandover(null);
            } catch (error) {
              handoverError(error);
            }
          }}
        >
          <Form.Item
            name="toUserId"
            label={t('users.handoverTo')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <UserSelect />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
