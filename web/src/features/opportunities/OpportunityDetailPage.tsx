import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { CampaignMembershipsCard } from '../campaigns/CampaignMembershipsCard';
import { useMoney } from '../../components/money';
import { OpportunityForm } from './OpportunityForm';
import { useDeleteOpportunity, useOpportunity, usePipelines } from './queries';
import { QuotesTable } from '../quotes/QuotesTable';
import { useStageLabel } from './StageLabel';
import { RecordNotFound } from '../../components/RecordNotFound';
import { RecordHeader } from '../../components/RecordHeader';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { usePageTitle } from '../../components/usePageTitle';

function duration(seconds: number | null, t: TFunction) {
  if (seconds === null) return '-';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  return days ? t('opportunities.daysHours', { days, hours }) : t('opportunities.hours', { hours: Math.max(hours, 0) });
}

export function OpportunityDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const id = Number(useParams().id);
  const { data: o, isLoading, error } = useOpportunity(id);
  usePageTitle(o?.name, t('nav.opportunities'));
  const pipelines = usePipelines();
  const remove = useDeleteOpportunity();
  const [editing, setEditing] = useState(false);

  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !o) return <RecordNotFound error={error} backTo="/opportunities" />;
  const pipeline = pipelines.data?.find((p) => p.id === o.pipelineId);
  const openStages = pipeline?.stages.filter((s) => s.kind === 'open') ?? [];
  const current = openStages.findIndex((s) => s.id === o.stageId);
  const stageName = (stageId: number | null) =>
    stageId === null ? '-' : stageLabel(pipeline?.stages.find((s) => s.id === stageId)?.code ?? '');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <RecordHeader
          title={o.name}
          tags={
            <>
              <Typography.Text type="secondary">{o.code}</Typography.Text>
              <Tag color={o.status === 'won' ? 'green' : o.status === 'lost' ? 'default' : 'blue'}>
                {stageLabel(o.stageCode)}
              </Tag>
              <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
            </>
          }
          actions={
            <>
              {can('opportunities.edit') && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )}
              {can('opportunities.delete') && (
                <DeleteRecordButton
                  confirm={t('opportunities.deleteConfirm')}
                  onDelete={() => remove.mutateAsync(id)}
                  deletedMessage={t('common.deleted')}
                  backTo="/opportunities"
                />
              )}
            </>
          }
        />
        {o.status === 'open' && openStages.length > 0 && (
          <Steps
            size="small"
            style={{ marginTop: 16 }}
            current={current}
            items={openStages.map((s) => ({ title: stageLabel(s.code) }))}
          />
        )}
        <Descriptions style={{ marginTop: 16 }} size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('opportunities.fields.amount')}>{money(o.amount, o.currency)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunities.weighted')}>
            {money(o.weightedAmount, o.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.probability')}>{o.probability}%</Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.expectedCloseDate')}>
            {o.expectedCloseDate ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.owner')}>{o.ownerName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.nextStep')}>{o.nextStep ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.contacts')}>
            {o.contacts.map((c) => c.name).join('、') || '-'}
          </Descriptions.Item>
          {o.status === 'lost' && (
            <Descriptions.Item label={t('opportunities.fields.lostReason')}>{o.lostReason}</Descriptions.Item>
          )}
          {o.closedAt && (
            <Descriptions.Item label={t('opportunities.closedAt')}>
              {dayjs(o.closedAt).format('YYYY-MM-DD')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {o.products.length > 0 && (
        <Card title={t('opportunities.products')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.products}
            columns={[
              { title: t('opportunities.productName'), dataIndex: 'productName' },
              { title: t('opportunities.quantity'), dataIndex: 'quantity', align: 'right' },
              {
                title: t('opportunities.unitPrice'),
                dataIndex: 'unitPrice',
                align: 'right',
                render: (v: string) => money(v, o.currency),
              },
              {
                title: t('opportunities.lineTotal'),
                dataIndex: 'total',
                align: 'right',
                render: (v: string) => money(v, o.currency),
              },
            ]}
          />
        </Card>
      )}
      {o.competitors.length > 0 && (
        <Card title={t('opportunities.competitors')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.competitors}
            columns={[
              { title: t('opportunities.competitorName'), dataIndex: 'name' },
              { title: t('opportunities.strengths'), dataIndex: 'strengths' },
              {
                title: t('opportunities.competitorPrice'),
                dataIndex: 'price',
                align: 'right',
                render: (v: string | null) => money(v, o.currency),
              },
            ]}
          />
        </Card>
      )}
      {can('quotes.view') && (
        <Card
          title={t('quotes.forOpportunity')}
          extra={
            can('quotes.create') && (
              <Button
                size="small"
                onClick={() =>
                  navigate(
                    `/quotes/new?customerId=${o.customerId}&opportunityId=${o.id}&title=${encodeURIComponent(o.name)}`,
                  )
                }
                data-testid="opportunity-new-quote"
              >
                {t('quotes.new')}
              </Button>
            )
          }
        >
          <QuotesTable compact filters={{ page: 1, pageSize: 10, opportunityId: o.id }} />
        </Card>
      )}
      <CampaignMembershipsCard entity="opportunities" id={o.id} sourceCampaignId={o.campaignId} />
      <Card title={t('opportunities.stageHistory')}>
        <Table
          rowKey="changedAt"
          size="small"
          pagination={false}
          dataSource={o.stageHistory}
          columns={[
            {
              title: t('opportunities.changedAt'),
              dataIndex: 'changedAt',
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            {
              title: t('opportunities.fromStage'),
              dataIndex: 'fromStageId',
              render: (v: number | null) => stageName(v),
            },
            { title: t('opportunities.toStage'), dataIndex: 'toStageId', render: (v: number) => stageName(v) },
            {
              title: t('opportunities.timeInPrevious'),
              dataIndex: 'secondsInPrevious',
              render: (v: number | null) => duration(v, t),
            },
            { title: t('opportunities.changedBy'), dataIndex: 'changedByName' },
          ]}
        />
      </Card>
      <OpportunityForm open={editing} opportunity={o} onClose={() => setEditing(false)} />
    </Space>
  );
}
