import { PlusOutlined } from '@ant-design/icons';
import type { Warehouse } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { inventoryKeys, useWarehouses } from './queries';

function WarehouseForm({
  warehouse,
  open,
  onClose,
}: {
  warehouse: Warehouse | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(warehouse ?? { active: true, isDefault: false });
  }, [open, warehouse, form]);
  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      if (warehouse) await api.patch(`/api/v1/warehouses/${warehouse.id}`, emptyToNull(values));
      else await api.post('/api/v1/warehouses', emptyToNull(values));
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      onClose();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={warehouse ? t('inventory.editWarehouse') : t('inventory.newWarehouse')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'warehouse-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="code"
          label={t('inventory.fields.code')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={50} data-testid="warehouse-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('inventory.fields.name')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="warehouse-name" />
        </Form.Item>
        <Form.Item name="address" label={t('inventory.fields.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="isDefault" label={t('inventory.fields.isDefault')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('inventory.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 仓库: where stock is kept; the default one serves orders that name none. */
export function WarehousesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const { data = [], isFetching } = useWarehouses();
  const [editing, setEditing] = useState<Warehouse | null | undefined>(undefined);
  const manage = can('inventory.manage');
  const remove = async (w: Warehouse) => {
    try {
      await api.delete(`/api/v1/warehouses/${w.id}`);
      message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <>
      {manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setEditing(null)}
          data-testid="warehouse-new"
        >
          {t('inventory.newWarehouse')}
        </Button>
      )}
      <Table<Warehouse>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('inventory.noWarehouses') }}
        columns={[
          { title: t('inventory.fields.code'), dataIndex: 'code' },
          {
            title: t('inventory.fields.name'),
            dataIndex: 'name',
            render: (v: string, w) => (
              <Space>
                {v}
                {w.isDefault && <Tag color="blue">{t('inventory.fields.isDefault')}</Tag>}
                {!w.active && <Tag>{t('inventory.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('inventory.fields.address'), dataIndex: 'address', render: (v: string | null) => v ?? '-' },
          ...(manage
            ? [
                {
                  title: t('inventory.actionsColumn'),
                  key: 'actions',
                  render: (_: unknown, w: Warehouse) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(w)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove(w)}>
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <WarehouseForm warehouse={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
