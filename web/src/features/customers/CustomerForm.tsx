import type { Body, Customer, CustomerInput } from '@relate/common';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { DuplicatesNotice } from '../../components/DuplicatesNotice';
import { emptyToNull, usePhoneRules, useRequired } from '../../components/forms';
import { CustomFieldInputs } from '../../components/CustomFieldInputs';
import { RegionCascader } from '../../components/RegionCascader';
import { addressOf, regionOf, type WithRegion } from '../../components/region';
import { SaveDrawer } from '../../components/SaveDrawer';
import { UserSelect } from '../../components/users';
import { useCustomerDuplicates, useSaveCustomer } from './queries';

type CustomerValues = WithRegion<Body<typeof CustomerInput>>;
type DuplicateCheck = { name?: string; phone?: string; email?: string };

/** Create or edit a customer in a drawer; possible duplicates show up before saving. */
export function CustomerForm({
  customer,
  open,
  onClose,
  onSaved,
}: {
  customer?: Customer;
  open: boolean;
  onClose: () => void;
  onSaved?: (c: Customer) => void;
}) {
  const { t } = useTranslation();
  const phoneRules = usePhoneRules();
  const required = useRequired();
  const { can, info } = useSession();
  const [form] = Form.useForm();
  const save = useSaveCustomer();
  const [check, setCheck] = useState<DuplicateCheck | null>(null);
  const found = useCustomerDuplicates(check && { ...check, excludeId: customer?.id });
  const duplicates = (check && found.data) || [];
  const readonly = (field: string) => Boolean(info?.fieldRules[`customers.${field}`]);
  const hidden = (field: string) => info?.fieldRules[`customers.${field}`] === 'hidden';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setCheck(null);
    if (customer)
      form.setFieldsValue({
        ...customer,
        region: regionOf(customer),
      });
  }, [open, customer, form]);

  const checkDuplicates = () => {
    const { name, phone, email } = form.getFieldsValue(['name', 'phone', 'email']) as Record<
      keyof DuplicateCheck,
      string | null
    >;
    // An empty field (null on a record without one) is left out: the check refuses null.
    const values = { name: name || undefined, phone: phone || undefined, email: email || undefined };
    setCheck(name || phone || email ? values : null);
  };

  const submit = ({ region, ...values }: CustomerValues) => {
    // An unchanged region is not sent: the names the record was saved with stay, even if a division was renamed since.
    const payload = emptyToNull({
      ...values,
      ...(customer && !form.isFieldTouched('region') ? {} : addressOf(region)),
    });
    for (const field of ['phone', 'email']) if (readonly(field)) delete payload[field];
    return save.mutateAsync({ id: customer?.id, body: payload });
  };

  return (
    <SaveDrawer
      form={form}
      title={customer ? t('customers.edit') : t('customers.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      onSaved={onSaved}
      saving={save.isPending}
      saveTestId="customer-save"
      // A new customer opened from a call's screen pop (/customers?new=1&phone=…) starts with the caller's number.
      initialValues={{ type: 'company', phone: new URLSearchParams(window.location.search).get('phone') ?? undefined }}
      notice={
        <DuplicatesNotice
          message={t('customers.possibleDuplicates')}
          items={duplicates.map((d) => (
            <div key={`${d.id}-${d.name}`}>
              {d.visible && d.id ? <a href={`/customers/${d.id}`}>{d.name}</a> : d.name} · {d.ownerName ?? '-'} ·{' '}
              {d.matchedOn.map((m) => t(`customers.fields.${m}`)).join(', ')}
            </div>
          ))}
        />
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('customers.fields.name')} rules={required.value}>
            <Input autoFocus onBlur={checkDuplicates} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="type" label={t('customers.fields.type')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'company', label: t('customers.types.company') },
                { value: 'individual', label: t('customers.types.individual') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="level" label={t('customers.fields.level')}>
            <DictionarySelect type="customer_level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="creditLevel" label={t('customers.fields.creditLevel')}>
            <DictionarySelect type="credit_level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="stage" label={t('customers.fields.stage')}>
            <DictionarySelect type="customer_stage" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industry" label={t('customers.fields.industry')}>
            <DictionarySelect type="industry" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="source" label={t('customers.fields.source')}>
            <DictionarySelect type="customer_source" />
          </Form.Item>
        </Col>
        {!hidden('phone') && (
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('customers.fields.phone')} rules={phoneRules}>
              <Input disabled={readonly('phone')} onBlur={checkDuplicates} />
            </Form.Item>
          </Col>
        )}
        {!hidden('email') && (
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('customers.fields.email')}>
              <Input type="email" disabled={readonly('email')} onBlur={checkDuplicates} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="region" label={t('customers.fields.region')}>
            <RegionCascader placeholder={t('customers.regionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="website" label={t('customers.fields.website')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('customers.fields.address')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="tags" label={t('customers.fields.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
          </Form.Item>
        </Col>
        {can('customers.assign') && (
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('customers.fields.owner')}>
              <UserSelect placeholder={t('customers.ownerDefault')} />
            </Form.Item>
          </Col>
        )}
        <CustomFieldInputs entity="customers" />
        <Col span={24}>
          <Form.Item name="remark" label={t('customers.fields.remark')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}
