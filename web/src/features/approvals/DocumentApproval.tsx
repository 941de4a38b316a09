import { AuditOutlined } from '@ant-design/icons';
import type { ApprovableType, ApprovalRequest } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Steps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../app/api';
import { ApprovalActions } from './ApprovalActions';
import { approvalColors } from './colors';

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
  const queryClient = useQueryClient();
  const { data = [] } = useQuery({
    queryKey: ['approvals', 'of', documentType, documentId],
    queryFn: () => api.get<ApprovalRequest[]>(`/api/v1/approvals/of/${documentType}/${documentId}`),
  });
  const latest = data[0];
  const refresh = () => {
    for (const key of ['approvals', 'quotes']) void queryClient.invalidateQueries({ queryKey: [key] });
  };
  const submit = async () => {
    try {
      const request = await api.post<ApprovalRequest | null>('/api/v1/approvals', { documentType, documentId });
      message.success(request ? t('approvals.submittedMessage') : t('approvals.notNeeded'));
      refresh();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  const withdraw = async () => {
    try {
      await api.post(`/api/v1/approvals/${latest.id}/withdraw`);
      refresh();
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
          <ApprovalActions request={latest} onDone={refresh} />
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
