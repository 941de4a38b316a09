import {
  type AnniversaryInput,
  anniversaryCalendars,
  type Body,
  type Contact,
  type ContactInput,
  locales,
} from '@relate/common';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { CustomerPicker } from '../../components/CustomerPicker';
import { emptyToNull, useMobileRules, usePhoneRules, useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { useSaveContact } from './queries';
import { LunarAnniversaryFields } from './LunarAnniversaryFields';

type AnniversaryValues = Omit<Body<typeof AnniversaryInput>, 'date'> & { date: dayjs.Dayjs };
type ContactValues = Omit<Body<typeof ContactInput>, 'birthday' | 'anniversaries'> & {
  birthday?: dayjs.Dayjs | null;
  anniversaries?: AnniversaryValues[];
};

/** Create or edit a contact, with its anniversaries. */
export function ContactForm({
  contact,
  customer,
  open,
  onClose,
}: {
  contact?: Contact;
  customer?: { id: number; name: string };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phoneRules = usePhoneRules();
  const mobileRules = useMobileRules();
  const required = useRequired();
  const { info } = useSession();
  const [form] = Form.useForm();
  const rule = (field: string) => info?.fieldRules[`contacts.${field}`];
  const save = useSaveContact();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contact) {
      form.setFieldsValue({
        ...contact,
        birthday: contact.birthday ? dayjs(contact.birthday) : null,
        anniversaries: contact.anniversaries.map((a) => ({
          type: a.type,
          date: dayjs(a.date),
          calendar: a.calendar,
          leapRule: a.leapRule,
          remindDaysBefore: a.remindDaysBefore,
          remark: a.remark,
        })),
      });
    } else if (customer) form.setFieldValue('customerId', customer.id);
  }, [open, contact, customer, form]);

  const submit = (raw: ContactValues) => {
    const values = emptyToNull({
      ...raw,
      birthday: raw.birthday ? raw.birthday.format('YYYY-MM-DD') : null,
      anniversaries: (raw.anniversaries ?? []).map((a) => ({ ...a, date: a.date.format('YYYY-MM-DD') })),
    });
    for (const field of ['mobile', 'phone', 'email']) if (rule(field)) delete values[field];
    return save.mutateAsync({ id: contact?.id, body: values });
  };

  return (
    <SaveDrawer
      form={form}
      title={contact ? t('contacts.edit') : t('contacts.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={save.isPending}
      saveTestId="contact-save"
      initialValues={{ gender: 'unknown', isPrimary: false }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="customerId" label={t('contacts.fields.customer')} rules={required.value}>
            <CustomerPicker initial={contact ? { id: contact.customerId, name: contact.customerName } : customer} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('contacts.fields.name')} rules={required.value}>
            <Input autoFocus maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="gender" label={t('contacts.fields.gender')}>
            <Select
              options={['male', 'female', 'unknown'].map((g) => ({ value: g, label: t(`contacts.genders.${g}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('contacts.fields.title')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="department" label={t('contacts.fields.department')}>
            <Input />
          </Form.Item>
        </Col>
        {(['mobile', 'phone', 'email'] as const).map((field) =>
          rule(field) === 'hidden' ? null : (
            <Col xs={24} md={12} key={field}>
              <Form.Item
                name={field}
                label={t(`contacts.fields.${field}`)}
                rules={field === 'email' ? undefined : field === 'mobile' ? mobileRules : phoneRules}
              >
                <Input disabled={rule(field) === 'readonly'} />
              </Form.Item>
            </Col>
          ),
        )}
        <Col xs={24} md={12}>
          <Form.Item name="wechat" label={t('contacts.fields.wechat')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="birthday" label={t('contacts.fields.birthday')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="decisionRole" label={t('contacts.fields.decisionRole')}>
            <DictionarySelect type="contact_role" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="language" label={t('contacts.fields.language')} extra={t('contacts.languageHint')}>
            <Select
              allowClear
              options={locales.map((l) => ({ value: l, label: t(`emailTemplates.languageNames.${l}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="isPrimary" label={t('contacts.fields.isPrimary')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label={t('contacts.fields.remark')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="anniversaries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'type']} rules={required.value}>
                  <DictionarySelect
                    type="anniversary_type"
                    placeholder={t('contacts.anniversaryType')}
                    aria-label={t('contacts.anniversaryType')}
                    style={{ width: 140 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'date']} rules={required.value}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name={[field.name, 'calendar']} initialValue="solar">
                  <Select
                    aria-label={t('lunarCalendar.calendar')}
                    style={{ width: 90 }}
                    options={anniversaryCalendars.map((c) => ({ value: c, label: t(`lunarCalendar.${c}`) }))}
                  />
                </Form.Item>
                <LunarAnniversaryFields form={form} name={field.name} />
                <Form.Item name={[field.name, 'remindDaysBefore']} initialValue={3}>
                  <InputNumber min={0} max={365} addonAfter={t('contacts.daysBefore')} style={{ width: 150 }} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(field.name)}>
                  {t('common.remove')}
                </Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ remindDaysBefore: 3, calendar: 'solar' })} block>
              {t('contacts.addAnniversary')}
            </Button>
          </>
        )}
      </Form.List>
    </SaveDrawer>
  );
}
