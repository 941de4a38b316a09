import type { ApprovalRequest } from '@relate/common';
import { Card, Empty, Steps, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { ApprovalActions } from './ApprovalActions';
import { approvalColors } from './colors';
import { useApprovals } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

/** The page of a request's document, for the documents that have one. */
const documentPages: Partial<Record<ApprovalRequest['documentType'], string>> = {
  quote: '/quotes/',
  order: '/orders/',
  commission: '/commission/statements/',
};
const documentLink = (r: ApprovalRequest) =>
  documentPages[r.documentType] ? `${documentPages[r.documentType]}${r.documentId}` : '#';

function ApprovalTable({ view }: { view: 'pending' | 'submitted' }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useApprovals({ view, page, pageSize: 20 });
  return (
    <Table<ApprovalRequest>
      rowKey="id"
      size="middle"
      loading={isFetching}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{
        emptyText: (
          <Empty description={t(view === 'pending' ? 'approvals.nothingPending' : 'approvals.nothingSubmitted')} />
        ),
      }}
      data-testid={`approvals-${view}`}
      expandable={{
        expandedRowRender: (r) => (
          <>
            <Steps
              size="small"
              current={r.currentStep}
              status={r.status === 'rejected' ? 'error' : r.status === 'approved' ? 'finish' : 'process'}
              items={r.steps.map((s) => ({ title: s }))}
            />
            {r.decisions
              .filter((d) => d.decision !== 'pending' && d.decision !== 'skipped')
              .map((d) => (
                <Typography.Paragraph key={`${d.step}-${d.approverId}`} style={{ margin: '8px 0 0' }}>
                  {d.approverName} · {t(`approvals.decisions.${d.decision}`)} ·{' '}
                  {d.decidedAt && dayjs(d.decidedAt).format('YYYY-MM-DD HH:mm')} {d.comment && `：${d.comment}`}
                </Typography.Paragraph>
              ))}
          </>
        ),
      }}
      columns={[
        {
          title: t('approvals.fields.document'),
          dataIndex: 'title',
          render: (v: string, r) => <Link to={documentLink(r)}>{v}</Link>,
        },
        {
          title: t('approvals.fields.type'),
          dataIndex: 'documentType',
          render: (v: string) => t(`approvals.types.${v}`),
        },
        {
          title: t('approvals.fields.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: string | null) => (v ? money(v) : '-'),
        },
        {
          title: t('approvals.fields.flow'),
          dataIndex: 'flowName',
          render: (v: string, r) => `${v} · ${r.steps[r.currentStep] ?? ''}`,
        },
        { title: t('approvals.fields.submittedBy'), dataIndex: 'submittedByName' },
        {
          title: t('approvals.fields.submittedAt'),
          dataIndex: 'submittedAt',
          render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
        },
        {
          title: t('approvals.fields.status'),
          dataIndex: 'status',
          render: (v: ApprovalRequest['status']) => <Tag color={approvalColors[v]}>{t(`approvals.statuses.${v}`)}</Tag>,
        },
        { key: 'actions', render: (_, r) => <ApprovalActions request={r} /> },
      ]}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
    />
  );
}

/** 审批: what waits for my decision, and what I have submitted. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.approvals'));
  return (
    <Card title={t('nav.approvals')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'pending', label: t('approvals.pending'), children: <ApprovalTable view="pending" /> },
          { key: 'submitted', label: t('approvals.submitted'), children: <ApprovalTable view="submitted" /> },
        ]}
      />
    </Card>
  );
}
