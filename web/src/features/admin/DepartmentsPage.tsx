import { PlusOutlined } from '@ant-design/icons';
import type { Body, Department, DepartmentInput } from '@relate/common';
import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { DepartmentSelect, departmentTree, UserSelect, useDepartments } from '../../components/users';
import { useDeleteDepartment, useSaveDepartment } from './queries';
import { useRequired } from '../../components/forms';
import { DeleteButton } from '../../components/DeleteButton';
import { usePageTitle } from '../../components/usePageTitle';

type DepartmentValues = Body<typeof DepartmentInput>;

export function DepartmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.departments'));
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const { data = [], isLoading } = useDepartments();
  const saveDepartment = useSaveDepartment();
  const deleteDepartment = useDeleteDepartment();
  // A new department is a draft that knows only its parent, so "add sub-department" can open it under one.
  const dialog = useSaveDialog<Partial<Department>>();
  // Everything is open unless the user closed it, so a new sub-department is visible at once.
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const manage = can('org.manage');

  const remove = async (id: number) => {
    try {
      await deleteDepartment.mutateAsync(id);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const openNew = (parentId: number | undefined) => dialog.openEdit({ parentId });
  const byId = new Map(data.map((d) => [d.id, d]));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.departments')}
        </Typography.Title>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openNew(data.find((d) => !d.parentId)?.id)}>
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
                    <Button size="small" type="link" onClick={() => dialog.openEdit(byId.get(node.value)!)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" type="link" onClick={() => openNew(node.value)}>
                      {t('departments.addChild')}
                    </Button>
                    <DeleteButton type="link" onConfirm={() => remove(node.value)} />
                  </>
                )}
              </Space>
            )}
          />
        ) : (
          <Empty />
        )}
      </Card>
      <SaveDialog<Partial<Department>, DepartmentValues>
        dialog={dialog}
        title={dialog.record?.id ? t('departments.edit') : t('departments.new')}
        toValues={(department) => ({
          name: department.name ?? '',
          parentId: department.parentId ?? undefined,
          managerId: department.managerId ?? undefined,
          sortOrder: department.sortOrder ?? 0,
        })}
        onSave={(values, department) => saveDepartment.mutateAsync({ id: department?.id, body: values })}
        okText={t('common.ok')}
      >
        <Form.Item name="name" label={t('departments.name')} rules={required.value}>
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
      </SaveDialog>
    </Space>
  );
}
