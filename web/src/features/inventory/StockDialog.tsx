import type { Product } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { emptyToNull, useErrorReporter } from '../../components/forms';
import { useProducts } from '../products/queries';
import { inventoryKeys, useWarehouses } from './queries';

export type StockAction = 'in' | 'transfer' | 'count';

function TrackedProductSelect(props: {
  id?: string;
  value?: number;
  onChange?: (id: number) => void;
  initial?: { id: number; label: string };
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data } = useProducts({ page: 1, pageSize: 20, q: q || undefined });
  const options = (data?.items ?? [])
    .filter((p: Product) => p.trackStock)
    .map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }));
  if (props.initial && !options.some((o) => o.value === props.initial?.id))
    options.unshift({ value: props.initial.id, label: props.initial.label });
  return (
    <Select
      id={props.id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={props.value}
      onChange={props.onChange}
      options={options}
      placeholder={t('inventory.pickProduct')}
      data-testid="stock-product"
    />
  );
}

/** Goods received, a transfer between warehouses, or a stock-take, for one product. */
export function StockDialog({
  action,
  product,
  onClose,
}: {
  action: StockAction | null;
  product?: { id: number; label: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const { data: warehouses = [] } = useWarehouses();
  const active = warehouses.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }));
  const defaultWarehouse = warehouses.find((w) => w.isDefault && w.active)?.id;
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue({ productId: product?.id, warehouseId: defaultWarehouse, fromWarehouseId: defaultWarehouse });
  }, [action, product, defaultWarehouse, form]);
  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    try {
      const body = emptyToNull({
        ...values,
        quantity: text(values.quantity),
        unitCost: text(values.unitCost),
        countedQuantity: text(values.countedQuantity),
      });
      await api.post(`/api/v1/stock/${action}`, body);
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      onClose();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  const quantity = { min: '0', step: '1', stringMode: true, style: { width: '100%' } } as const;
  return (
    <Modal
      open={Boolean(action)}
      title={action ? t(`inventory.actions.${action}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'stock-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="productId" label={t('inventory.fields.product')} rules={required}>
          <TrackedProductSelect initial={product} />
        </Form.Item>
        {action === 'transfer' ? (
          <>
            <Form.Item name="fromWarehouseId" label={t('inventory.fields.fromWarehouse')} rules={required}>
              <Select options={active} />
            </Form.Item>
            <Form.Item name="toWarehouseId" label={t('inventory.fields.toWarehouse')} rules={required}>
              <Select options={active} data-testid="stock-to-warehouse" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="warehouseId" label={t('inventory.fields.warehouse')} rules={required}>
            <Select options={active} />
          </Form.Item>
        )}
        {action === 'count' ? (
          <Form.Item name="countedQuantity" label={t('inventory.fields.countedQuantity')} rules={required}>
            <InputNumber {...quantity} data-testid="stock-quantity" />
          </Form.Item>
        ) : (
          <Form.Item name="quantity" label={t('inventory.fields.quantity')} rules={required}>
            <InputNumber {...quantity} data-testid="stock-quantity" />
          </Form.Item>
        )}
        {action === 'in' && (
          <Form.Item name="unitCost" label={t('inventory.fields.unitCost')} extra={t('inventory.unitCostHint')}>
            <InputNumber
              min="0"
              step="0.01"
              precision={2}
              stringMode
              style={{ width: '100%' }}
              data-testid="stock-unit-cost"
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('inventory.fields.reason')} rules={action === 'count' ? required : []}>
          <Input maxLength={500} data-testid="stock-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
