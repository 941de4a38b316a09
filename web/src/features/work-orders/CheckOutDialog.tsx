import type { WorkOrder } from '@relate/common';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useProducts } from '../products/queries';
import { useCheckOut } from './queries';
import { SignaturePad } from './SignaturePad';
import { useRequired } from '../../components/forms';

type CheckOutValues = {
  workDone: string;
  parts?: Array<{ productId: number; quantity: string | number }>;
  signature?: string | null;
  signedBy?: string;
};

/** Leaving the site: the work done, the parts used and the customer's signature. */
export function CheckOutDialog({ dialog }: { dialog: SaveDialogState<WorkOrder> }) {
  const { t } = useTranslation();
  const required = useRequired();
  const checkOut = useCheckOut();
  const save = (v: CheckOutValues, order: WorkOrder | null) =>
    checkOut.mutateAsync({
      id: order!.id,
      body: {
        workDone: v.workDone,
        parts: (v.parts ?? [])
          .filter((p) => p?.productId)
          .map((p) => ({ productId: p.productId, quantity: String(p.quantity ?? 1) })),
        signature: v.signature ?? null,
        signedBy: v.signedBy || null,
      },
    });
  return (
    <SaveDialog
      dialog={dialog}
      title={t('workOrders.checkOut')}
      toValues={() => ({})}
      onSave={save}
      okText={t('common.ok')}
      saveTestId="check-out-save"
    >
      <Form.Item name="workDone" label={t('workOrders.fields.workDone')} rules={required.text}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="work-done" />
      </Form.Item>
      <PartsUsed />
      <Form.Item name="signature" label={t('workOrders.fields.signature')}>
        <SignaturePad />
      </Form.Item>
      <Form.Item name="signedBy" label={t('workOrders.fields.signedBy')}>
        <Input maxLength={500} />
      </Form.Item>
    </SaveDialog>
  );
}

/** The parts used, each found by code or name; products are asked for only while the dialog is open. */
function PartsUsed() {
  const { t } = useTranslation();
  const required = useRequired();
  const [q, setQ] = useState('');
  const products = useProducts({ q: q || undefined, pageSize: 20 });
  return (
    <Form.List name="parts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item name={[field.name, 'productId']} rules={required.value}>
                <Select
                  showSearch={{ filterOption: false, onSearch: setQ }}
                  style={{ width: 220 }}
                  placeholder={t('workOrders.fields.part')}
                  options={(products.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.code} · ${p.name}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'quantity']} initialValue={1}>
                <InputNumber min="0.001" stringMode style={{ width: 90 }} />
              </Form.Item>
              <Button type="link" danger onClick={() => remove(field.name)}>
                {t('common.remove')}
              </Button>
            </Space>
          ))}
          <Button type="dashed" block onClick={() => add()} style={{ marginBottom: 16 }}>
            {t('workOrders.addPart')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
