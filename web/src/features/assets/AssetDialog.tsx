import type { Asset } from '@relate/common';
import { Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CustomerPicker } from '../../components/CustomerPicker';
import { dateValue, emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useSaveAsset } from './queries';

type AssetValues = {
  customerId?: number;
  name: string;
  serialNumber?: string | null;
  purchasedOn?: dayjs.Dayjs | null;
  warrantyEndsOn?: dayjs.Dayjs | null;
  location?: string | null;
  notes?: string | null;
};

/** `customer`: a new asset is for this customer unless another is chosen. */
export function AssetDialog({
  dialog,
  customer,
}: {
  dialog: SaveDialogState<Asset>;
  customer?: { id: number; name: string };
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const saveAsset = useSaveAsset();
  const save = (v: AssetValues, asset: Asset | null) => {
    const body = emptyToNull({
      name: v.name,
      serialNumber: v.serialNumber,
      purchasedOn: dateValue(v.purchasedOn),
      warrantyEndsOn: dateValue(v.warrantyEndsOn),
      location: v.location,
      notes: v.notes,
    });
    // An asset stays with the customer it was recorded for.
    return saveAsset.mutateAsync(asset ? { id: asset.id, body } : { body: { ...body, customerId: v.customerId! } });
  };
  return (
    <SaveDialog<Asset, AssetValues>
      dialog={dialog}
      title={{ create: t('assets.new'), edit: t('assets.edit') }}
      toValues={(asset) => ({
        ...asset,
        purchasedOn: asset.purchasedOn ? dayjs(asset.purchasedOn) : null,
        warrantyEndsOn: asset.warrantyEndsOn ? dayjs(asset.warrantyEndsOn) : null,
      })}
      initialValues={customer && { customerId: customer.id }}
      onSave={save}
      width={640}
      saveTestId="asset-save"
    >
      <Row gutter={16}>
        {!dialog.record && (
          <Col span={24}>
            <Form.Item name="customerId" label={t('assets.fields.customer')} rules={required.value}>
              <CustomerPicker initial={customer} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('assets.fields.name')} rules={required.text}>
            <Input maxLength={200} data-testid="asset-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="serialNumber" label={t('assets.fields.serialNumber')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="purchasedOn" label={t('assets.fields.purchasedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="warrantyEndsOn" label={t('assets.fields.warrantyEndsOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="location" label={t('assets.fields.location')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('assets.fields.notes')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDialog>
  );
}
