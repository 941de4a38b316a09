import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';

/** The Chinese and English labels an administrator gives a dictionary option or a custom field, both required. */
export function BilingualLabelFields() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <>
      <Form.Item name="labelZh" label={t('dictionaries.labelZh')} rules={required.value}>
        <Input />
      </Form.Item>
      <Form.Item name="labelEn" label={t('dictionaries.labelEn')} rules={required.value}>
        <Input />
      </Form.Item>
    </>
  );
}
