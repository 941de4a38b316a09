import { commonMergeFields } from '@relate/common';
import { Form, Input, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The script the agent reads, with its merge fields under it: a click on one puts `{{field}}` where the
 * cursor is. `fields` are the source's own (amount due, ticket number …) beside the common ones.
 */
export function ScriptField({ fields }: { fields: string[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const area = useRef<TextAreaRef>(null);
  const insert = (field: string) => {
    const element = area.current?.resizableTextArea?.textArea;
    const text: string = form.getFieldValue('script') ?? '';
    const at = element ? element.selectionStart : text.length;
    const end = element ? element.selectionEnd : text.length;
    const token = `{{${field}}}`;
    form.setFieldValue('script', text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  return (
    <>
      <Form.Item name="script" label={t('callLists.fields.script')} style={{ marginBottom: 4 }}>
        <Input.TextArea ref={area} rows={5} maxLength={5000} data-testid="call-list-script" />
      </Form.Item>
      <Space size={[4, 4]} wrap style={{ marginBottom: 16 }} data-testid="merge-fields">
        <Typography.Text type="secondary">{t('callLists.mergeFields')}</Typography.Text>
        {[...new Set([...commonMergeFields, ...fields])].map((field) => (
          <Tag
            key={field}
            role="button"
            tabIndex={0}
            style={{ cursor: 'pointer' }}
            title={t(`callLists.facts.${field}`, { defaultValue: field })}
            onClick={() => insert(field)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                insert(field);
              }
            }}
          >{`{{${field}}}`}</Tag>
        ))}
      </Space>
    </>
  );
}
