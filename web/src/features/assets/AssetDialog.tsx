import type { Asset } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { CustomerPicker } from '../../components/CustomerPicker';
import { dateValue, emptyToNull, useErrorReporter } from '../../components/forms';

export function AssetDialog({ asset, onClose }: { asset: Asset | null | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (asset === undefined) return;
    form.resetFields();
    if (asset)
      form.setFieldsValue({
        ...asset,
        purchasedOn: asset.purchasedOn ? dayjs(asset.purchasedOn) : null,
        warrantyEndsOn: asset.warrantyEndsOn ? dayjs(asset.warrantyEndsOn) : null,
      });
  }, [asset, form]);
  const save = async (v: Record<string, unknown>) => {
    try {
      const body = emptyToNull({
        ...v,
        purchasedOn: dateValue(v.purchasedOn),
        warrantyEndsOn: dateValue(v.warrantyEndsOn),
      });
      if (asset) await api.patch(`/api/v1/assets/${asset.id}`, { ...body, customerId: undefined });
      else await api.post('/api/v1/assets', body);
      void queryClient.invalidateQueries({ queryKey: ['assets'] });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={asset !== undefined}
      title={asset ? t('assets.edit') : t('assets.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'asset-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          {!asset && (
            <Col span={24}>
              <Form.Item
                name="customerId"
                label={t('assets.fields.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerPicker />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('assets.fields.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
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
      </Form>
    </Modal>
  );
}
