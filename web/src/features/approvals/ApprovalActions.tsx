import type { ApprovalRequest } from '@relate/common';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../app/api';

/** Approve or reject (with a reason) a request waiting for the caller. */
export function ApprovalActions({ request, onDone }: { request: ApprovalRequest; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const decide = async (decision: 'approve' | 'reject', comment?: string) => {
    try {
      await api.post(`/api/v1/approvals/${request.id}/${decision}`, { comment: comment || null });
      message.success(t(decision === 'approve' ? 'approvals.approved' : 'approvals.rejected'));
      setRejecting(false);
      for (const key of ['approvals', 'quotes', 'home']) void queryClient.invalidateQueries({ queryKey: [key] });
      onDone?.();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  if (!request.awaitingMe) return null;
  return (
    <>
      <Space>
        <Button
          type="primary"
          size="small"
          onClick={() => void decide('approve')}
          data-testid={`approve-${request.id}`}
        >
          {t('approvals.approve')}
        </Button>
        <Button danger size="small" onClick={() => setRejecting(true)} data-testid={`reject-${request.id}`}>
          {t('approvals.reject')}
        </Button>
      </Space>
      <Modal
        open={rejecting}
        title={t('approvals.rejectTitle')}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={({ comment }) => void decide('reject', comment)}>
          <Form.Item
            name="comment"
            label={t('approvals.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} autoFocus data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
