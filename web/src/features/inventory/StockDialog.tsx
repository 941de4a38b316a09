import type { Product } from '@relate/common';
import { Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useProducts } from '../products/queries';
import type { StockChange } from './api';
import { useChangeStock, useWarehouses } from './queries';

export type StockAction = StockChange['action'];
/** What the stock dialog is opened for: an action, and the product when it was picked on its row. */
export type StockRequest = { action: StockAction; product?: { id: number; label: string } };

type StockValues = {
  productId: number;
  warehouseId: number;
  fromWarehouseId: number;
  toWarehouseId: number;
  quantity: string;
  countedQuantity: string;
  unitCost?: string | null;
  reason?: string;
};

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** The request of an action, from the fields the dialog shows for it. */
function changeOf(action: StockAction, v: StockValues): StockChange {
  const reason = text(v.reason);
  switch (action) {
    case 'in':
      return {
        action,
        body: {
          warehouseId: v.warehouseId,
          productId: v.productId,
          quantity: String(v.quantity),
          unitCost: text(v.unitCost),
          reason,
        },
      };
    case 'transfer':
      return {
        action,
        body: {
          productId: v.productId,
          fromWarehouseId: v.fromWarehouseId,
          toWarehouseId: v.toWarehouseId,
          quantity: String(v.quantity),
          reason,
        },
      };
    case 'count':
      return {
        action,
        body: {
          warehouseId: v.warehouseId,
          productId: v.productId,
          countedQuantity: String(v.countedQuantity),
          reason: reason ?? '',
        },
      };
  }
}

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
export function StockDialog({ dialog }: { dialog: SaveDialogState<StockRequest> }) {
  const { t } = useTranslation();
  const changeStock = useChangeStock();
  const { data: warehouses = [] } = useWarehouses();
  const active = warehouses.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }));
  const defaultWarehouse = warehouses.find((w) => w.isDefault && w.active)?.id;
  const action = dialog.record?.action;
  const required = useRequired().value;
  const quantity = { min: '0', step: '1', stringMode: true, style: { width: '100%' } } as const;
  return (
    <SaveDialog
      dialog={dialog}
      title={action ? t(`inventory.actions.${action}`) : ''}
      toValues={(request) => ({
        productId: request.product?.id,
        warehouseId: defaultWarehouse,
        fromWarehouseId: defaultWarehouse,
      })}
      onSave={(values: StockValues, request) => changeStock.mutateAsync(changeOf(request!.action, values))}
      saveTestId="stock-save"
    >
      <Form.Item name="productId" label={t('inventory.fields.product')} rules={required}>
        <TrackedProductSelect initial={dialog.record?.product} />
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
    </SaveDialog>
  );
}
