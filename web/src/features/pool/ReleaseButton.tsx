import { ExportOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useErrorReporter } from '../../components/forms';

/** Gives a customer back to the public pool after asking why. */
export function ReleaseButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const release = useMutation({
    mutationFn: (reason: string) => api.post(`/api/v1/customers/${customerId}/release`, { reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['pools'] });
      message.success(t('pool.released'));
      void navigate('/customers');
    },
    onError: reportError,
  });
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)}>
        {t('pool.release')}
      </Button>
      <Modal
        title={t('pool.releaseTitle')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={release.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values: { reason: string }) => release.mutate(values.reason)}>
          <Form.Item
            name="reason"
            label={t('pool.reason')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
