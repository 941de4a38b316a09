import { App, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from './FormDrawer';
import { useErrorReporter } from './forms';

/**
 * A create/edit form in a side drawer: saves through `onSave` (a mutation), says "saved", hands the saved
 * record to `onSaved`, and closes; a refused save puts the server's field messages next to the fields. The
 * caller fills `form` when the drawer opens.
 */
export function SaveDrawer<V, R = unknown>(props: {
  form: FormInstance<V>;
  title: string;
  open: boolean;
  onClose: () => void;
  onSave: (values: V) => Promise<R>;
  onSaved?: (saved: R) => void;
  saving: boolean;
  saveTestId: string;
  initialValues?: Partial<V>;
  /** Shown above the form (possible duplicates, say). */
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter(props.form);
  const save = async (values: V) => {
    try {
      const saved = await props.onSave(values);
      message.success(t('common.saved'));
      props.onSaved?.(saved);
      props.onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <FormDrawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      onSave={() => props.form.submit()}
      saving={props.saving}
      saveTestId={props.saveTestId}
    >
      {props.notice}
      <Form<V>
        form={props.form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={props.initialValues}
      >
        {props.children}
      </Form>
    </FormDrawer>
  );
}
