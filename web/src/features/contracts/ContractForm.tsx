import { Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DictionarySelect } from '../../components/dictionaries';
import { dateValue, emptyToNull, useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { useCreateContract } from './queries';

type ContractValues = {
  name: string;
  customerId: number;
  category?: string | null;
  amount?: string | null;
  startsOn: dayjs.Dayjs;
  endsOn: dayjs.Dayjs;
  signedOn?: dayjs.Dayjs | null;
  ourSignatory?: string | null;
  customerSignatory?: string | null;
  renewalRemindDays?: number;
  terms?: string | null;
};

/** A new contract, in the side drawer; it starts as a draft. `customer` is chosen already when given. */
export function ContractForm({
  open,
  onClose,
  customer,
}: {
  open: boolean;
  onClose: () => void;
  customer?: { id: number; name: string };
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<ContractValues>();
  const createContract = useCreateContract();
  const save = (values: ContractValues) =>
    createContract.mutateAsync(
      emptyToNull({
        ...values,
        amount: String(values.amount ?? ''),
        startsOn: values.startsOn.format('YYYY-MM-DD'),
        endsOn: values.endsOn.format('YYYY-MM-DD'),
        signedOn: dateValue(values.signedOn),
      }),
    );
  return (
    <SaveDrawer
      form={form}
      title={t('contracts.new')}
      open={open}
      onClose={onClose}
      onSave={save}
      onSaved={() => form.resetFields()}
      saving={createContract.isPending}
      saveTestId="contract-save"
      initialValues={{
        customerId: customer?.id,
        renewalRemindDays: 30,
        startsOn: dayjs(),
        endsOn: dayjs().add(1, 'year').subtract(1, 'day'),
      }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('contracts.fields.name')} rules={required.text}>
            <Input maxLength={200} autoFocus />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t('contracts.fields.customer')} rules={required.value}>
            <CustomerPicker />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('contracts.fields.category')}>
            <DictionarySelect type="contract_category" allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="amount" label={t('contracts.fields.amount')} rules={required.value}>
            <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="startsOn" label={t('contracts.fields.startsOn')} rules={required.value}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="endsOn" label={t('contracts.fields.endsOn')} rules={required.value}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="signedOn" label={t('contracts.fields.signedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="ourSignatory" label={t('contracts.fields.ourSignatory')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="customerSignatory" label={t('contracts.fields.customerSignatory')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="renewalRemindDays" label={t('contracts.fields.renewalRemindDays')}>
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="terms" label={t('contracts.fields.terms')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}
