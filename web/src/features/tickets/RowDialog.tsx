import { useQueryClient } from '@tanstack/react-query';
import { Form, Modal } from 'antd';
import { useEffect } from 'react';
import { api } from '../../app/api';
import { useErrorReporter } from '../../components/forms';

/** An edit dialog for one row of a simple list: the same form creates and changes. */
export function RowDialog<T extends { id: number }>(props: {
  title: string;
  row: T | null | undefined;
  url: string;
  queryKey: string[];
  onClose: () => void;
  toBody: (values: Record<string, unknown>) => unknown;
  initial: Record<string, unknown>;
  children: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (props.row === undefined) return;
    form.resetFields();
    form.setFieldsValue(props.row ?? props.initial);
  }, [props.row, props.initial, form]);
  const save = async (values: Record<string, unknown>) => {
    try {
      const body = props.toBody(values);
      if (props.row) await api.put(`${props.url}/${props.row.id}`, body);
      else await api.post(props.url, body);
      void queryClient.invalidateQueries({ queryKey: props.queryKey });
      props.onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open={props.row !== undefined}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'row-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        {props.children}
      </Form>
    </Modal>
  );
}
