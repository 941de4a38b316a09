import { PlusOutlined } from '@ant-design/icons';
import { type Body, dataScopes, type RoleInput, scopedModules } from '@relate/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { gridActions, permissionRow } from './permission-grid';
import { useDeleteRole, usePermissionCatalogue, useRoles, useSaveRole } from './queries';
import { usePageTitle } from '../../components/usePageTitle';
import { HomeSectionsField } from '../home/HomeSectionsField';

/** The form's values; permissions are ticked in the grid, outside the form. */
type RoleValues = Omit<Body<typeof RoleInput>, 'permissions'>;

/** The role editor: a module × action grid of function permissions, data scopes and field rules. */
export function RolesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.roles'));
  const required = useRequired();
  const { message } = App.useApp();
  const { can, locale } = useSession();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const saveRole = useSaveRole();
  const deleteRole = useDeleteRole();
  const [selectedId, setSelectedId] = useState<number | 'new' | null>(null);
  const [form] = Form.useForm<RoleValues>();
  const reportError = useErrorReporter(form);
  const [permissions, setPermissions] = useState<string[]>([]);
  const selected = roles.data?.find((r) => r.id === selectedId);
  const manage = can('roles.manage');

  useEffect(() => {
    if (selectedId === null) return;
    const role = roles.data?.find((r) => r.id === selectedId);
    form.resetFields();
    // A new role sees its holder's own records of every kind until the administrator widens it.
    form.setFieldsValue(
      role ?? { name: '', dataScopes: Object.fromEntries(scopedModules.map((m) => [m, 'own'])), fieldRules: {} },
    );
    setPermissions(role?.permissions ?? []);
  }, [selectedId, roles.data, form]);

  const save = async (values: RoleValues) => {
    // A field left "visible" is no rule.
    const fieldRules = Object.fromEntries(Object.entries(values.fieldRules ?? {}).filter(([, v]) => v));
    try {
      const saved = await saveRole.mutateAsync({
        id: selectedId === 'new' ? undefined : (selectedId ?? undefined),
        body: { ...values, fieldRules, permissions },
      });
      message.success(t('common.saved'));
      setSelectedId(saved.id);
    } catch (error) {
      reportError(error);
    }
  };
  const toggle = (permission: string, on: boolean) =>
    setPermissions(on ? [...permissions, permission] : permissions.filter((p) => p !== permission));
  const modules = Object.entries(catalogue.data?.modules ?? {});

  return (
    <Row gutter={16}>
      <Col xs={24} md={7}>
        <Card
          title={t('nav.roles')}
          extra={
            manage && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setSelectedId('new')}>
                {t('roles.new')}
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        >
          <List
            loading={roles.isLoading}
            dataSource={roles.data ?? []}
            renderItem={(role) => (
              <List.Item
                onClick={() => setSelectedId(role.id)}
                style={{
                  cursor: 'pointer',
                  background: role.id === selectedId ? '#e6f4ff' : undefined,
                  paddingInline: 8,
                }}
              >
                <List.Item.Meta
                  title={locale === 'en' && role.nameEn ? role.nameEn : role.name}
                  description={t('insight.roleUserCount', { count: role.userCount })}
                />
                {role.code && <Tag>{t('roles.builtIn')}</Tag>}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={17}>
        {selectedId === null ? (
          <Card>
            <Typography.Text type="secondary">{t('roles.pick')}</Typography.Text>
          </Card>
        ) : (
          <Card
            title={selected ? (locale === 'en' && selected.nameEn ? selected.nameEn : selected.name) : t('roles.new')}
            extra={
              <Space>
                {selected && !selected.code && manage && (
                  <Popconfirm
                    title={t('common.deleteConfirm')}
                    onConfirm={() =>
                      deleteRole
                        .mutateAsync(selected.id)
                        .then(() => setSelectedId(null))
                        .catch((e: ApiError) => message.error(Object.values(e.fields)[0] ?? e.message))
                    }
                  >
                    <Button danger>{t('common.delete')}</Button>
                  </Popconfirm>
                )}
                {manage && (
                  <Button type="primary" onClick={() => form.submit()}>
                    {t('common.save')}
                  </Button>
                )}
              </Space>
            }
          >
            <Form form={form} layout="vertical" onFinish={save} disabled={!manage}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="name" label={t('roles.name')} rules={required.value}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="nameEn" label={t('roles.nameEn')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label={t('roles.description')}>
                <Input />
              </Form.Item>
              <Typography.Title level={5}>{t('roles.functionPermissions')}</Typography.Title>
              <Table
                size="small"
                rowKey={([module]) => module}
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={modules}
                data-testid="permission-grid"
                columns={[
                  { title: t('roles.module'), render: (_, [module]) => t(`permissions.modules.${module}`) },
                  ...gridActions.map((action) => ({
                    title: t(`permissions.actions.${action}`),
                    align: 'center' as const,
                    render: (_: unknown, [module, actions]: [string, string[]]) =>
                      permissionRow(actions).inGrid.includes(action) ? (
                        <Checkbox
                          aria-label={`${module}.${action}`}
                          checked={permissions.includes(`${module}.${action}`)}
                          onChange={(e) => toggle(`${module}.${action}`, e.target.checked)}
                        />
                      ) : null,
                  })),
                  {
                    title: t('roles.ownActions'),
                    render: (_: unknown, [module, actions]: [string, string[]]) => (
                      <Space wrap size={[12, 4]}>
                        {permissionRow(actions).ownActions.map((action) => (
                          <Checkbox
                            key={action}
                            aria-label={`${module}.${action}`}
                            checked={permissions.includes(`${module}.${action}`)}
                            onChange={(e) => toggle(`${module}.${action}`, e.target.checked)}
                          >
                            {t(`permissions.actions.${action}`)}
                          </Checkbox>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('roles.dataScopes')}
              </Typography.Title>
              <Row gutter={16}>
                {scopedModules.map((module) => (
                  <Col xs={24} md={8} key={module}>
                    <Form.Item name={['dataScopes', module]} label={t(`permissions.modules.${module}`)}>
                      <Select
                        // A kind without a scope of its own shows its holder's own records.
                        placeholder={t('roles.scopes.own')}
                        options={dataScopes.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Typography.Title level={5}>{t('roles.fieldRules')}</Typography.Title>
              <Row gutter={16}>
                {Object.entries(catalogue.data?.fields ?? {}).flatMap(([module, fields]) =>
                  fields.map((field) => (
                    <Col xs={24} md={8} key={`${module}.${field}`}>
                      <Form.Item
                        name={['fieldRules', `${module}.${field}`]}
                        label={`${t(`permissions.modules.${module}`)} · ${t(`${module}.fields.${field}`)}`}
                      >
                        <Select
                          allowClear
                          placeholder={t('roles.fieldVisible')}
                          options={[
                            { value: 'readonly', label: t('roles.fieldReadonly') },
                            { value: 'hidden', label: t('roles.fieldHidden') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  )),
                )}
              </Row>
              <HomeSectionsField role={{ id: selected?.id, code: selected?.code ?? null, permissions }} />
            </Form>
          </Card>
        )}
      </Col>
    </Row>
  );
}
