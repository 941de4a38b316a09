import { PlusOutlined } from '@ant-design/icons';
import type { Body, Opportunity, OpportunityPatch, PipelineStage } from '@relate/common';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { UserSelect } from '../../components/users';
import { ForecastPanel } from './ForecastPanel';
import { OpportunityForm } from './OpportunityForm';
import { OpportunityListView } from './OpportunityListView';
import { useBoard, usePipelines, useUpdateOpportunity } from './queries';
import { usePipelineName } from './pipeline-name';
import { useStageLabel } from './StageLabel';
import { useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';

type PendingMove = { opportunity: Opportunity; stage: PipelineStage; fields: string[] };
/** What a stage may ask for before a card enters it. */
type PendingValues = { amount?: number; lostReason?: string; nextStep?: string };

function OpportunityCard({ opportunity, onDragStart }: { opportunity: Opportunity; onDragStart: () => void }) {
  const money = useMoney();
  return (
    <Card
      size="small"
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', String(opportunity.id));
        onDragStart();
      }}
      style={{ marginBottom: 8, cursor: 'grab' }}
      data-testid={`card-${opportunity.id}`}
    >
      <Link to={`/opportunities/${opportunity.id}`} draggable={false}>
        {opportunity.name}
      </Link>
      <div style={{ fontSize: 12, color: '#666' }}>{opportunity.customerName}</div>
      <Space size={[8, 0]} wrap style={{ fontSize: 12 }}>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {money(opportunity.amount, opportunity.currency)}
        </Typography.Text>
        {opportunity.expectedCloseDate && <span>{dayjs(opportunity.expectedCloseDate).format('MM-DD')}</span>}
        <span>{opportunity.ownerName}</span>
      </Space>
    </Card>
  );
}

/**
 * A pipeline as a board: drag a card to another stage. When the stage needs something first (an
 * amount, the reason a deal was lost) the board asks for it and moves the card once it is given.
 */
export function OpportunityBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.opportunities'));
  const required = useRequired();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'board';
  const pipelines = usePipelines();
  const pipelineName = usePipelineName();
  const pipelineId =
    Number(params.get('pipeline')) || pipelines.data?.find((p) => p.isDefault)?.id || pipelines.data?.[0]?.id;
  const ownerId = params.get('ownerId') ?? undefined;
  const board = useBoard(pipelineId, { ownerId: ownerId ? [Number(ownerId)] : undefined });
  const save = useUpdateOpportunity();
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PendingValues>();
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const move = async (opportunity: Opportunity, stage: PipelineStage, extra: Body<typeof OpportunityPatch> = {}) => {
    try {
      await save.mutateAsync({ id: opportunity.id, body: { stageId: stage.id, ...extra } });
      setPending(null);
      message.success(t('opportunities.moved', { stage: stageLabel(stage.code) }));
    } catch (error) {
      const fields =
        error instanceof ApiError
          ? Object.keys(error.fields).filter((f) =>
              ['amount', 'lostReason', 'expectedCloseDate', 'nextStep'].includes(f),
            )
          : [];
      if (fields.length) {
        form.resetFields();
        setPending({ opportunity, stage, fields });
      } else message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const submitPending = async (values: PendingValues) => {
    if (!pending) return;
    const { amount, ...rest } = values;
    await move(pending.opportunity, pending.stage, {
      ...rest,
      ...(amount !== undefined ? { amount: Number(amount).toFixed(2) } : {}),
    });
  };

  return (
    <Card
      title={t('nav.opportunities')}
      extra={
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setParam('view', v === 'board' ? undefined : String(v))}
            options={[
              { value: 'board', label: t('opportunities.board') },
              { value: 'list', label: t('opportunities.list') },
              { value: 'forecast', label: t('opportunities.forecast') },
            ]}
          />
          {can('opportunities.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('opportunities.new')}
            </Button>
          )}
        </Space>
      }
    >
      {view === 'list' && <OpportunityListView />}
      {view === 'forecast' && <ForecastPanel />}
      {view === 'board' && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Select
              style={{ minWidth: 160 }}
              value={pipelineId}
              onChange={(v) => setParam('pipeline', String(v))}
              options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: pipelineName(p) }))}
            />
            <UserSelect
              allowClear
              placeholder={t('opportunities.fields.owner')}
              value={ownerId ? Number(ownerId) : undefined}
              onChange={(v) => setParam('ownerId', v ? String(v) : undefined)}
              style={{ width: 160 }}
            />
          </Space>
          {board.isLoading ? (
            <Spin style={{ display: 'block', margin: 48 }} />
          ) : (
            <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
              {board.data?.columns.map((column) => (
                <div
                  key={column.stage.id}
                  data-testid={`stage-${column.stage.code}`}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => {
                    e.preventDefault();
                    if (dragging && dragging.stageId !== column.stage.id && can('opportunities.edit'))
                      void move(dragging, column.stage);
                    setDragging(null);
                  }}
                  style={{ minWidth: 200, flex: '1 0 200px', background: '#f5f5f5', borderRadius: 8, padding: 8 }}
                >
                  <div style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{stageLabel(column.stage.code)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      · {column.stage.probability}% · {column.count}
                    </Typography.Text>
                    <div style={{ fontSize: 12 }} data-testid={`stage-total-${column.stage.code}`}>
                      <span style={{ whiteSpace: 'nowrap' }}>{money(column.amount)}</span> ·{' '}
                      <span style={{ whiteSpace: 'nowrap' }}>
                        {t('opportunities.weighted')} {money(column.weightedAmount)}
                      </span>
                    </div>
                  </div>
                  {column.cards.length ? (
                    column.cards.map((o) => (
                      <OpportunityCard key={o.id} opportunity={o} onDragStart={() => setDragging(o)} />
                    ))
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.emptyStage')} />
                  )}
                  {column.count > column.cards.length && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => navigate(`/opportunities?view=list&stageId=${column.stage.id}`)}
                    >
                      {t('opportunities.more', { count: column.count - column.cards.length })}
                    </Button>
                  )}
                </div>
              ))}
            </div>
          )}
        </>
      )}
      <OpportunityForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(o) => navigate(`/opportunities/${o.id}`)}
      />
      <Modal
        title={pending ? t('opportunities.needsBeforeStage', { stage: stageLabel(pending.stage.code) }) : ''}
        open={Boolean(pending)}
        onCancel={() => setPending(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submitPending}>
          {pending?.fields.includes('amount') && (
            <Form.Item name="amount" label={t('opportunities.fields.amount')} rules={required.value}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} autoFocus />
            </Form.Item>
          )}
          {pending?.fields.includes('lostReason') && (
            <Form.Item name="lostReason" label={t('opportunities.fields.lostReason')} rules={required.value}>
              <Input autoFocus data-testid="lost-reason" />
            </Form.Item>
          )}
          {pending?.fields.includes('nextStep') && (
            <Form.Item name="nextStep" label={t('opportunities.fields.nextStep')} rules={required.value}>
              <Input />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
