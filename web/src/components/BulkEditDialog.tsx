import type { BulkEditResult } from '@relate/common';
import { Form, Modal, Select, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { useBulkResultMessage } from './BulkBar';
import { useErrorReporter, useRequired } from './forms';

/** A field a bulk edit may set: its name in the API, its label, and the control that picks its value. */
export type BulkField = {
  name: string;
  label: string;
  input: ReactNode;
  /** Whether the field must be given a value (an empty one clears it on every record otherwise). */
  required?: boolean;
  /** The value as the API takes it, when the control holds another form (a date picker's day). */
  toValue?: (value: unknown) => unknown;
};

/**
 * The bulk edit dialog: choose a field, choose its value, confirm. `onSave` sends `{ [field]: value }` for
 * the selected records; the result (changed, skipped) is said once saved, and the server's message for
 * the value is put under it.
 */
export function BulkEditDialog({
  open,
  count,
  fields,
  onClose,
  onSave,
}: {
  open: boolean;
  count: number;
  fields: BulkField[];
  onClose: () => void;
  onSave: (changes: Record<string, unknown>) => Promise<BulkEditResult>;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<{ field?: string; value?: unknown }>();
  const [saving, setSaving] = useState(false);
  const reportError = useErrorReporter();
  const say = useBulkResultMessage();
  const name = Form.useWatch('field', form);
  const field = fields.find((f) => f.name === name);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = async ({ field, value }: { field?: string; value?: unknown }) => {
    const chosen = fields.find((f) => f.name === field);
    if (!field || !chosen) return;
    const given = value === undefined || value === '' ? null : value;
    setSaving(true);
    try {
      say(await onSave({ [field]: chosen.toValue && given !== null ? chosen.toValue(given) : given }));
      onClose();
    } catch (error) {
      // The server names the field as sent (`level`) or by its place in the body (`changes.level`).
      const message = error instanceof ApiError ? (error.fields[field] ?? error.fields[`changes.${field}`]) : undefined;
      if (message) form.setFields([{ name: 'value', errors: [message] }]);
      else reportError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('bulk.editTitle', { count })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('bulk.apply')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'bulk-edit-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
        <Form.Item name="field" label={t('bulk.field')} rules={required.value}>
          <Select
            data-testid="bulk-edit-field"
            options={fields.map((f) => ({ value: f.name, label: f.label }))}
            onChange={() => form.setFieldValue('value', undefined)}
          />
        </Form.Item>
        {field && (
          <Form.Item
            key={field.name}
            name="value"
            label={t('bulk.value')}
            rules={field.required ? required.value : undefined}
          >
            {field.input}
          </Form.Item>
        )}
        {field && !field.required && <Typography.Text type="secondary">{t('bulk.emptyClears')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
