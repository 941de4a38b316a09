import type { ServiceContract } from '@relate/common';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CustomerPicker } from '../../components/CustomerPicker';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useCustomerAssets, useSaveServiceContract } from './queries';

type ContractValues = {
  name: string;
  customerId: number;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  visitsIncluded?: number | null;
  /** The allowance is entered in hours and kept in minutes. */
  hours?: number | null;
  responseMinutes?: number | null;
  assetIds?: number[];
  notes?: string | null;
};

/** `customer`: a new service contract is for this customer unless another is chosen. */
export function ContractDialog({
  dialog,
  customer,
}: {
  dialog: SaveDialogState<ServiceContract>;
  customer?: { id: number; name: string };
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<ContractValues>();
  const customerId: number | undefined = Form.useWatch('customerId', form);
  const assets = useCustomerAssets(customerId);
  const saveContract = useSaveServiceContract();
  const save = (v: ContractValues, contract: ServiceContract | null) => {
    const [start, end] = v.period;
    const body = emptyToNull({
      name: v.name,
      customerId: v.customerId,
      startsOn: start.format('YYYY-MM-DD'),
      endsOn: end.format('YYYY-MM-DD'),
      visitsIncluded: v.visitsIncluded ?? null,
      minutesIncluded: v.hours === null || v.hours === undefined ? null : Math.round(Number(v.hours) * 60),
      responseMinutes: v.responseMinutes ?? null,
      assetIds: v.assetIds ?? [],
      notes: v.notes,
    });
    return saveContract.mutateAsync({ id: contract?.id, body });
  };
  return (
    <SaveDialog<ServiceContract, ContractValues>
      dialog={dialog}
      form={form}
      title={{ create: t('assets.newContract'), edit: t('assets.editContract') }}
      toValues={(c) => ({
        ...c,
        period: [dayjs(c.startsOn), dayjs(c.endsOn)],
        hours: c.minutesIncluded === null ? null : c.minutesIncluded / 60,
      })}
      initialValues={customer && { customerId: customer.id }}
      onSave={save}
      width={680}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('assets.fields.contractName')} rules={required.text}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t('assets.fields.customer')} rules={required.value}>
            <CustomerPicker
              initial={dialog.record ? { id: dialog.record.customerId, name: dialog.record.customerName } : customer}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="period" label={t('assets.fields.period')} rules={required.value}>
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
          <Form.Item name="responseMinutes" label={t('assets.fields.responseMinutes')} extra={t('assets.responseHint')}>
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
    </SaveDialog>
  );
}
