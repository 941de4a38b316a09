import { AuditOutlined } from '@ant-design/icons';
import type { ApprovableType } from '@relate/common';
import { Alert, App, Button, Space, Steps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { ApprovalActions } from './ApprovalActions';
import { approvalColors } from './colors';
import { useDocumentApprovals, useSubmitForApproval, useWithdrawApproval } from './queries';

/** The approval state of one document: submit, follow the steps, decide (approvers), withdraw (submitter), read a rejection's reason. */
export function DocumentApproval({
  documentType,
  documentId,
  canSubmit,
}: {
  documentType: ApprovableType;
  documentId: number;
  canSubmit: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data = [] } = useDocumentApprovals(documentType, documentId);
  const submitForApproval = useSubmitForApproval();
  const withdrawApproval = useWithdrawApproval();
  const latest = data[0];
  const submit = async () => {
    try {
      const request = await submitForApproval.mutateAsync({ documentType, documentId });
      message.success(request ? t('approvals.submittedMessage') : t('approvals.notNeeded'));
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const withdraw = async () => {
    try {
      await withdrawApproval.mutateAsync(latest.id);
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const pending = latest?.status === 'pending';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="document-approval">
      {latest && (
        <Space wrap>
          <AuditOutlined />
          <span>{latest.flowName}</span>
          <Tag color={approvalColors[latest.status]}>{t(`approvals.statuses.${latest.status}`)}</Tag>
          <ApprovalActions request={latest} />
          {pending && canSubmit && (
            <Button size="small" onClick={() => void withdraw()}>
              {t('approvals.withdraw')}
            </Button>
          )}
        </Space>
      )}
      {latest && (
        <Steps
          size="small"
          current={latest.currentStep}
          status={latest.status === 'rejected' ? 'error' : latest.status === 'approved' ? 'finish' : 'process'}
          items={latest.steps.map((s) => ({ title: s }))}
        />
      )}
      {latest?.status === 'rejected' && latest.comment && (
        <Alert type="error" showIcon message={t('approvals.rejectedBecause', { reason: latest.comment })} />
      )}
      {canSubmit && !pending && latest?.status !== 'approved' && (
        <Button icon={<AuditOutlined />} onClick={() => void submit()} data-testid="submit-approval">
          {t('approvals.submit')}
        </Button>
      )}
    </Space>
  );
}
