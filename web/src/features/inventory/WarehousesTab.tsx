import type { Body, Warehouse, WarehouseInput } from '@relate/common';
import { App, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState, useSaveDialog } from '../../components/SaveDialog';
import { ActiveName } from '../../components/ActiveName';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useDeleteWarehouse, useSaveWarehouse, useWarehouses } from './queries';

function WarehouseDialog({ dialog }: { dialog: SaveDialogState<Warehouse> }) {
  const { t } = useTranslation();
  const required = useRequired();
  const saveWarehouse = useSaveWarehouse();
  return (
    <SaveDialog
      dialog={dialog}
      title={{ create: t('inventory.newWarehouse'), edit: t('inventory.editWarehouse') }}
      initialValues={{ active: true, isDefault: false }}
      onSave={(values: Body<typeof WarehouseInput>, warehouse) =>
        saveWarehouse.mutateAsync({ id: warehouse?.id, body: emptyToNull(values) })
      }
      saveTestId="warehouse-save"
    >
      <Form.Item name="code" label={t('inventory.fields.code')} rules={required.value}>
        <Input maxLength={50} data-testid="warehouse-code" />
      </Form.Item>
      <Form.Item name="name" label={t('inventory.fields.name')} rules={required.value}>
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
    </SaveDialog>
  );
}

/** 仓库: where stock is kept; the default one serves orders that name none. */
export function WarehousesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { data = [], isFetching } = useWarehouses();
  const deleteWarehouse = useDeleteWarehouse();
  const dialog = useSaveDialog<Warehouse>();
  const manage = can('inventory.manage');
  const remove = async (w: Warehouse) => {
    try {
      await deleteWarehouse.mutateAsync(w.id);
      message.success(t('common.deleted'));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <>
      {manage && (
        <NewButton style={{ marginBottom: 16 }} onClick={dialog.openNew} data-testid="warehouse-new">
          {t('inventory.newWarehouse')}
        </NewButton>
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
              <ActiveName name={v} active={w.active} inactiveLabel={t('inventory.inactive')}>
                {w.isDefault && <Tag color="blue">{t('inventory.fields.isDefault')}</Tag>}
              </ActiveName>
            ),
          },
          { title: t('inventory.fields.address'), dataIndex: 'address', render: (v: string | null) => v ?? '-' },
          ...(manage
            ? [editDeleteColumn({ title: t('inventory.actionsColumn'), onEdit: dialog.openEdit, onDelete: remove })]
            : []),
        ]}
      />
      <WarehouseDialog dialog={dialog} />
    </>
  );
}
