import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { CommissionLine, CommissionStatement } from '@relate/common';
import { App, Button, Card, Descriptions, Space, Spin, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useDictionaryLabel } from '../../components/dictionaries';
import { useMoney } from '../../components/money';
import { PagedTable } from '../../components/PagedTable';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordNotFound } from '../../components/RecordNotFound';
import { usePageTitle } from '../../components/usePageTitle';
import { DocumentApproval } from '../approvals/DocumentApproval';
import { useCommissionStatement, useRecomputeStatement, useSubmitStatement } from './queries';
import { StatementStatusTag } from './StatementStatusTag';

const editable = (s: CommissionStatement) => s.status === 'draft' || s.status === 'rejected';

/** What a line counts: its receipt (or the refund, or red-letter invoice, an adjustment answers) and its order. */
function LineSource({ line }: { line: CommissionLine }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag>{t(`commission.lineKinds.${line.event ?? line.kind}`)}</Tag>
      <Link to={`/orders/${line.orderId}`} data-testid="line-order">
        {line.orderNumber}
      </Link>
      {line.receiptNumber && (
        <Link to={`/receipts?number=${encodeURIComponent(line.receiptNumber)}`} data-testid="line-receipt">
          {line.receiptNumber}
        </Link>
      )}
      {line.invoiceNumber && <Typography.Text>{line.invoiceNumber}</Typography.Text>}
      {line.adjustsMonth && (
        <Typography.Text type="secondary">
          {t('commission.statement.adjusts', { month: line.adjustsMonth })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 提成单: a person's month — the plan, attainment and tier, every line with its order and receipt, its approval. */
export function StatementDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, info } = useSession();
  const money = useMoney();
  const level = useDictionaryLabel('customer_level');
  const id = Number(useParams().id);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const { data: s, isLoading, error, isFetching } = useCommissionStatement(id, paging);
  usePageTitle(s && `${s.userName} ${s.month}`, t('nav.commissionStatements'));
  const submit = useSubmitStatement();
  const recompute = useRecomputeStatement();
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !s) return <RecordNotFound error={error} backTo="/commission/statements" />;
  const act = async (change: Promise<CommissionStatement>) => {
    try {
      const updated = await change;
      message.success(t(`commission.statuses.${updated.status}`));
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  const amount = (v: string | null) => money(v, s.currency);
  const columns: TableColumnsType<CommissionLine> = [
    { title: t('commission.statement.lines.source'), key: 'source', render: (_, l) => <LineSource line={l} /> },
    { title: t('commission.statement.lines.date'), dataIndex: 'sourceDate' },
    {
      title: t('commission.statement.lines.customer'),
      dataIndex: 'customerName',
      render: (v: string, l) => (
        <Space size={4}>
          <Link to={`/customers/${l.customerId}`}>{v}</Link>
          {l.customerLevel && <Typography.Text type="secondary">{level(l.customerLevel)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('commission.statement.lines.category'),
      dataIndex: 'categoryName',
      render: (v: string | null) => v ?? '-',
    },
    {
      title: t('commission.statement.lines.sourceAmount'),
      dataIndex: 'sourceAmount',
      align: 'right',
      render: (v: string, l) => money(v, l.sourceCurrency),
    },
    { title: t('commission.statement.lines.base'), dataIndex: 'base', align: 'right', render: amount },
    { title: t('commission.statement.lines.rate'), dataIndex: 'rate', align: 'right', render: (v: string) => `${v}%` },
    {
      title: t('commission.statement.lines.multiplier'),
      dataIndex: 'multiplier',
      align: 'right',
      render: (v: string) => `×${v}`,
    },
    {
      title: t('commission.statement.lines.commission'),
      dataIndex: 'commission',
      align: 'right',
      render: (v: string, l) =>
        v === l.computed ? (
          amount(v)
        ) : (
          <span title={t('commission.statement.lines.capped', { computed: amount(l.computed) })}>{amount(v)}</span>
        ),
    },
  ];
  const mine = s.userId === info?.user.id;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={t('commission.statement.title', { name: s.userName, month: s.month })}
          tags={
            <>
              <StatementStatusTag status={s.status} />
              {s.status === 'locked' && (
                <Typography.Text type="secondary" data-testid="statement-locked">
                  {t('commission.statement.lockedHint')}
                </Typography.Text>
              )}
            </>
          }
          actions={
            <>
              {can('commission.manage') && editable(s) && (
                <Button icon={<ReloadOutlined />} onClick={() => void act(recompute.mutateAsync(id))}>
                  {t('commission.statement.recompute')}
                </Button>
              )}
              {editable(s) && (mine || can('commission.manage')) && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={submit.isPending}
                  onClick={() => void act(submit.mutateAsync(id))}
                  data-testid="statement-submit"
                >
                  {t('commission.statement.submit')}
                </Button>
              )}
            </>
          }
        />
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('commission.statements.fields.plan')}>
            {s.planName ? `${s.planName} · ${t(`commission.bases.${s.basis}`)}` : t('commission.statement.noPlan')}
          </Descriptions.Item>
          <Descriptions.Item label={t('commission.statement.target')}>
            {s.target === null ? t('commission.statement.noTarget') : `${amount(s.achieved)} / ${amount(s.target)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('commission.statements.fields.attainment')}>
            {s.attainment === null ? '-' : `${s.attainment}%`}
          </Descriptions.Item>
          <Descriptions.Item label={t('commission.statements.fields.multiplier')}>×{s.multiplier}</Descriptions.Item>
          <Descriptions.Item label={t('commission.statements.fields.gross')}>{amount(s.gross)}</Descriptions.Item>
          <Descriptions.Item label={t('commission.plans.fields.cap')}>
            {s.cap === null ? t('commission.plans.noCap') : `${amount(s.cap)} → ${amount(s.capped)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('commission.statements.fields.adjustments')}>
            {amount(s.adjustments)}
          </Descriptions.Item>
          <Descriptions.Item label={t('commission.statements.fields.total')}>
            <strong data-testid="statement-total">{amount(s.total)}</strong>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('nav.approvals')} size="small">
        <DocumentApproval documentType="commission" documentId={id} canSubmit={s.status === 'submitted' && mine} />
      </Card>
      <Card title={t('commission.statement.linesTitle', { count: s.lines.total })} size="small">
        <PagedTable<CommissionLine>
          list={s.lines}
          page={paging.page}
          pageSize={paging.pageSize}
          pageSizeOptions={[50]}
          loading={isFetching}
          empty={t('commission.statement.noLines')}
          onPageChange={({ page }) => setPaging({ page, pageSize: 50 })}
          columns={columns}
          data-testid="statement-lines"
        />
      </Card>
    </Space>
  );
}
