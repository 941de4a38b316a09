import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useCallback, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from './forms';

/**
 * Which record a create/edit dialog shows: `undefined` closed, `null` a new record, a record to edit it.
 * One state for the whole dialog, so that opening, closing and the title cannot disagree.
 */
export function useSaveDialog<T>() {
  const [record, setRecord] = useState<T | null | undefined>(undefined);
  return {
    record,
    isOpen: record !== undefined,
    isNew: record === null,
    openNew: useCallback(() => setRecord(null), []),
    openEdit: useCallback((row: T) => setRecord(row), []),
    close: useCallback(() => setRecord(undefined), []),
  };
}
export type SaveDialogState<T> = ReturnType<typeof useSaveDialog<T>>;

/**
 * The create/edit dialog: fills the form from the record (or `initialValues` for a new one), saves
 * through `onSave` (a mutation), puts the server's field messages next to the fields, and closes once
 * saved.
 */
export function SaveDialog<T, V extends object = Record<string, unknown>>(props: {
  dialog: SaveDialogState<T>;
  title: string | { create: string; edit: string };
  /** The form's values for the record being edited; by default the record itself. */
  toValues?: (record: T) => Partial<V>;
  initialValues?: Partial<V>;
  onSave: (values: V, record: T | null) => Promise<unknown>;
  /** Said once saved: "Saved" unless another message is given, or false when `onSave` says something itself. */
  savedMessage?: string | false;
  form?: FormInstance<V>;
  width?: number;
  saveTestId?: string;
  okText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ownForm] = Form.useForm<V>();
  const form = props.form ?? ownForm;
  const reportError = useErrorReporter(form);
  const [saving, setSaving] = useState(false);
  const { record, isOpen, close } = props.dialog;
  const { toValues, initialValues } = props;
  // Before the dialog is painted, so that nothing typed into it at once is wiped by the reset.
  useLayoutEffect(() => {
    if (!isOpen) return;
    form.resetFields();
    const values = record ? (toValues ? toValues(record) : (record as Partial<V>)) : initialValues;
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // The form is filled when the dialog opens, not again while it is being edited.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isOpen, record, form]);
  const save = async (values: V) => {
    setSaving(true);
    try {
      await props.onSave(values, record ?? null);
      if (props.savedMessage !== false) message.success(props.savedMessage ?? t('common.saved'));
      close();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(false);
    }
  };
  const title = typeof props.title === 'string' ? props.title : record ? props.title.edit : props.title.create;
  return (
    <Modal
      open={isOpen}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={props.okText ?? t('common.save')}
      destroyOnHidden
      width={props.width}
      okButtonProps={props.saveTestId ? ({ 'data-testid': props.saveTestId } as Record<string, string>) : undefined}
    >
      <Form form={form} layout="vertical" onFinish={(values) => void save(values)}>
        {props.children}
      </Form>
    </Modal>
  );
}
