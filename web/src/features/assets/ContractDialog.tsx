import type { ServiceContract } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { CustomerPicker } from '../../components/CustomerPicker';
import { dateValue, emptyToNull, useErrorReporter } from '../../components/forms';
import { useCustomerAssets } from './shared';

export function ContractDialog({
  contract,
  onClose,
}: {
  contract: ServiceContract | null | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const assets = useCustomerAssets(customerId);
  useEffect(() => {
    if (contract === undefined) return;
    form.resetFields();
    if (contract)
      form.setFieldsValue({
        ...contract,
        period: [dayjs(contract.startsOn), dayjs(contract.endsOn)],
        hours: contract.minutesIncluded === null ? null : contract.minutesIncluded / 60,
      });
  }, [contract, form]);
  const save = async (v: Record<string, unknown>) => {
    const [start, end] = v.period as [dayjs.Dayjs, dayjs.Dayjs];
    const body = emptyToNull({
      name: v.name,
      customerId: v.customerId,
      startsOn: dateValue(start),
      endsOn: dateValue(end),
      visitsIncluded: v.visitsIncluded ?? null,
      minutesIncluded: v.hours === null || v.hours === undefined ? null : Math.round(Number(v.hours) * 60),
      responseMinutes: v.responseMinutes ?? null,
      assetIds: v.assetIds ?? [],
      notes: v.notes,
    });
    try {
      if (contract) await api.put(`/api/v1/service-contracts/${contract.id}`, body);
      else await api.post('/api/v1/service-contracts', body);
      void queryClient.invalidateQueries({ queryKey: ['service-contracts'] });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={contract !== undefined}
      title={contract ? t('assets.editContract') : t('assets.newContract')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('assets.fields.contractName')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('assets.fields.customer')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <CustomerPicker
                initial={contract ? { id: contract.customerId, name: contract.customerName } : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="period"
              label={t('assets.fields.period')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="visitsIncluded" label={t('assets.fields.visitsIncluded')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="hours" label={t('assets.fields.hoursIncluded')}>
              <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item
              name="responseMinutes"
              label={t('assets.fields.responseMinutes')}
              extra={t('assets.responseHint')}
            >
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="assetIds" label={t('assets.fields.coveredAssets')} extra={t('assets.coveredHint')}>
              <Select
                mode="multiple"
                allowClear
                disabled={!customerId}
                options={(assets.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.name}${a.serialNumber ? ` (${a.serialNumber})` : ''}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('assets.fields.notes')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
