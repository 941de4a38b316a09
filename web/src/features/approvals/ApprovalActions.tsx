import type { ApprovalRequest } from '@relate/common';
import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useDecideApproval } from './queries';
import { useRequired } from '../../components/forms';

/** Approve or reject (with a reason) a request waiting for the caller. */
export function ApprovalActions({ request }: { request: ApprovalRequest }) {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const decide = useDecideApproval();
  const rejection = useSaveDialog<never>();
  const approve = async () => {
    try {
      await decide.mutateAsync({ id: request.id, decision: 'approve' });
      message.success(t('approvals.approved'));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  if (!request.awaitingMe) return null;
  return (
    <>
      <Space>
        <Button type="primary" size="small" onClick={() => void approve()} data-testid={`approve-${request.id}`}>
          {t('approvals.approve')}
        </Button>
        <Button danger size="small" onClick={rejection.openNew} data-testid={`reject-${request.id}`}>
          {t('approvals.reject')}
        </Button>
      </Space>
      <SaveDialog
        dialog={rejection}
        title={t('approvals.rejectTitle')}
        onSave={({ comment }: { comment: string }) =>
          decide.mutateAsync({ id: request.id, decision: 'reject', reason: comment })
        }
        savedMessage={t('approvals.rejected')}
        okText={t('common.ok')}
      >
        <Form.Item name="comment" label={t('approvals.reason')} rules={required.text}>
          <Input.TextArea rows={3} maxLength={1000} autoFocus data-testid="reject-reason" />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
