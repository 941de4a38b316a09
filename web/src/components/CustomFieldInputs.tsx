import type { CustomField } from '@relate/common';
import { Col, DatePicker, Descriptions, Form, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../app/session';
import type { CustomFieldEntity } from './api';
import { labelOfCode } from './dictionaries';
import { useCustomFields } from './queries';

export { useCustomFields } from './queries';

const optionLabel = (field: CustomField, code: string, locale: string) => labelOfCode(field.options, code, locale);

/** Form inputs for an entity's custom fields, stored under `customFields.<key>`. Dates travel as YYYY-MM-DD. */
export function CustomFieldInputs({ entity }: { entity: CustomFieldEntity }) {
  const { data = [] } = useCustomFields(entity);
  const { locale } = useSession();
  return (
    <>
      {data.map((field) => {
        const label = locale === 'en' ? field.labelEn : field.labelZh;
        const options = field.options.map((o) => ({ value: o.code, label: optionLabel(field, o.code, locale) }));
        const input =
          field.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : field.type === 'date' ? (
            <DatePicker style={{ width: '100%' }} />
          ) : field.type === 'select' ? (
            <Select allowClear options={options} />
          ) : field.type === 'multiselect' ? (
            <Select mode="multiple" allowClear options={options} />
          ) : (
            <Input />
          );
        return (
          <Col xs={24} md={12} key={field.key}>
            <Form.Item
              name={['customFields', field.key]}
              label={label}
              rules={field.required ? [{ required: true }] : []}
              getValueProps={field.type === 'date' ? (value) => ({ value: value ? dayjs(value) : null }) : undefined}
              normalize={
                field.type === 'date' ? (value) => (value ? dayjs(value).format('YYYY-MM-DD') : null) : undefined
              }
            >
              {input}
            </Form.Item>
          </Col>
        );
      })}
    </>
  );
}

/** Description items showing a record's custom field values, labelled in the user's language. */
export function useCustomFieldDescriptions(entity: CustomFieldEntity, values: Record<string, unknown>) {
  const { data = [] } = useCustomFields(entity);
  const { locale } = useSession();
  return data.map((field) => {
    const value = values[field.key];
    const text =
      value === undefined || value === null
        ? '-'
        : field.type === 'select'
          ? optionLabel(field, String(value), locale)
          : field.type === 'multiselect'
            ? (value as string[]).map((code) => optionLabel(field, code, locale)).join(', ')
            : String(value);
    return (
      <Descriptions.Item key={field.key} label={locale === 'en' ? field.labelEn : field.labelZh}>
        {text}
      </Descriptions.Item>
    );
  });
}
