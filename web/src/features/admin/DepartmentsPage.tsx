import { PlusOutlined } from '@ant-design/icons';
import type { Department } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import { DepartmentSelect, departmentTree, UserSelect, useDepartments } from '../../components/users';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { data = [], isLoading } = useDepartments();
  const [editing, setEditing] = useState<Partial<Department> | null>(null);
  // Everything is open unless the user closed it, so a new sub-department is visible at once.
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['departments'] });
  const manage = can('org.manage');

  const save = async (values: Record<string, unknown>) => {
    try {
      if (editing?.id) await api.patch(`/api/v1/departments/${editing.id}`, values);
      else await api.post('/api/v1/departments', values);
      message.success(t('common.saved'));
      setEditing(null);
      refresh();
    } catch (error) {
      reportError(error);
    }
  };
  const remove = async (id: number) => {
    try {
      await api.delete(`/api/v1/departments/${id}`);
      refresh();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const open = (value: Partial<Department>) => {
    setEditing(value);
    form.setFieldsValue({
      name: value.name ?? '',
      parentId: value.parentId ?? undefined,
      managerId: value.managerId ?? undefined,
      sortOrder: value.sortOrder ?? 0,
    });
  };
  const byId = new Map(data.map((d) => [d.id, d]));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.departments')}
        </Typography.Title>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open({ parentId: data.find((d) => !d.parentId)?.id })}
          >
            {t('departments.new')}
          </Button>
        )}
      </div>
      <Card loading={isLoading}>
        {data.length ? (
          <Tree
            expandedKeys={data.map((d) => d.id).filter((id) => !collapsed.has(id))}
            onExpand={(_keys, { node, expanded }) => {
              const next = new Set(collapsed);
              if (expanded) next.delete(Number(node.key));
              else next.add(Number(node.key));
              setCollapsed(next);
            }}
            blockNode
            treeData={departmentTree(data)}
            titleRender={(node) => (
              <Space>
                <span>{String(node.title)}</span>
                {manage && (
                  <>
                    <Button size="small" type="link" onClick={() => open(byId.get(node.value)!)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" type="link" onClick={() => open({ parentId: node.value })}>
                      {t('departments.addChild')}
                    </Button>
                    <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove(node.value)}>
                      <Button size="small" type="link" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            )}
          />
        ) : (
          <Empty />
        )}
      </Card>
      <Modal
        title={editing?.id ? t('departments.edit') : t('departments.new')}
        open={Boolean(editing)}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('departments.name')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="parentId" label={t('departments.parent')}>
            <DepartmentSelect />
          </Form.Item>
          <Form.Item name="managerId" label={t('departments.manager')}>
            <UserSelect />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('common.sortOrder')}>
            <InputNumber min={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
