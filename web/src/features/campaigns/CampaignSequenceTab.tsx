import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CampaignSequence,
  type CampaignSequenceStep,
  maxEmailsPerSecond,
  maxSequenceSteps,
  type SequenceStepInput,
  type SequenceStepKind,
  sequenceSkipReasons,
  sequenceStepKinds,
  sequenceStopReasons,
} from '@relate/common';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateValue, useErrorReporter } from '../../components/forms';
import { useCampaignSequence, useChangeSequence, useRemoveSequence, useSaveSequence } from './queries';
import { SequenceStepFields } from './SequenceStepFields';

type StepValues = Record<string, unknown> & { kind: SequenceStepKind };
type Values = { perSecond: number; steps: StepValues[] };

const defaultsOf: Record<SequenceStepKind, Partial<StepValues>> = {
  email: {},
  sms: { variables: {} },
  wait: { days: 2 },
  branch: { condition: 'opened', noStep: 0 },
  task: { dueDays: 1, priority: 'normal' },
  segment: { action: 'add' },
  end: {},
};

/** The form's values of saved steps: a date as a date picker's, "the end" of a branch as 0. */
const toForm = (steps: CampaignSequenceStep[]): StepValues[] =>
  steps.map(({ settings }) => {
    const values = { ...settings } as StepValues;
    if (settings.kind === 'wait' && settings.until) values.until = dayjs(settings.until);
    if (settings.kind === 'branch') values.noStep = settings.noStep ?? 0;
    return values;
  });

/** What the server takes: empty fields left out, a date as YYYY-MM-DD, the end of a branch as null. */
const toInput = (steps: StepValues[]): SequenceStepInput[] =>
  steps.map((step) => {
    const values = Object.fromEntries(Object.entries(step).filter(([, v]) => v !== undefined && v !== null));
    if (step.kind === 'wait') values.until = dateValue(step.until) ?? undefined;
    if (step.kind === 'branch') values.noStep = step.noStep ? step.noStep : null;
    return values as SequenceStepInput;
  });

/** The list of steps as the editor shows it: each in a card, moved with buttons, removed, settings by kind. */
function StepEditor() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SequenceStepKind>('email');
  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {!fields.length && <Typography.Text type="secondary">{t('sequences.noSteps')}</Typography.Text>}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              data-testid={`sequence-step-${index + 1}`}
              title={
                <Space>
                  {t('sequences.step', { n: index + 1 })}
                  <Form.Item name={[field.name, 'kind']} noStyle>
                    <Select
                      style={{ width: 140 }}
                      aria-label={t('sequences.stepKind')}
                      options={sequenceStepKinds.map((k) => ({ value: k, label: t(`sequences.kinds.${k}`) }))}
                    />
                  </Form.Item>
                </Space>
              }
              extra={
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0}
                    aria-label={t('sequences.moveUp', { n: index + 1 })}
                    onClick={() => move(index, index - 1)}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={index === fields.length - 1}
                    aria-label={t('sequences.moveDown', { n: index + 1 })}
                    onClick={() => move(index, index + 1)}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('sequences.removeStep', { n: index + 1 })}
                    onClick={() => remove(index)}
                  />
                </Space>
              }
            >
              <SequenceStepFields index={field.name} count={fields.length} />
            </Card>
          ))}
          <Space>
            <Select
              style={{ width: 160 }}
              value={kind}
              onChange={setKind}
              aria-label={t('sequences.stepKind')}
              data-testid="sequence-add-kind"
              options={sequenceStepKinds.map((k) => ({ value: k, label: t(`sequences.kinds.${k}`) }))}
            />
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= maxSequenceSteps}
              onClick={() => add({ kind, ...defaultsOf[kind] })}
              data-testid="sequence-add"
            >
              {t('sequences.addStep')}
            </Button>
          </Space>
        </Space>
      )}
    </Form.List>
  );
}

/** One step in words, for the running sequence's table. */
function useDescribe() {
  const { t } = useTranslation();
  return (step: CampaignSequenceStep) => {
    const s = step.settings;
    const kind = t(`sequences.kinds.${s.kind}`);
    switch (s.kind) {
      case 'wait':
        return s.until
          ? t('sequences.describe.waitUntil', { date: s.until })
          : t('sequences.describe.wait', { days: s.days });
      case 'branch': {
        const condition = `${t(`sequences.conditions.${s.condition}`)}${s.condition === 'score' ? ` ${s.minScore}` : ''}`;
        return s.noStep
          ? t('sequences.describe.branch', { condition, target: t('sequences.step', { n: s.noStep }) })
          : t('sequences.describe.branchEnd', { condition });
      }
      case 'task':
        return t('sequences.describe.task', { title: s.title, days: s.dueDays ?? 1 });
      case 'segment':
        return t(`sequences.segmentActions.${s.action}`);
      default:
        return kind;
    }
  };
}

/** Where the members stand, and each step's figures: at it now, done, skipped by reason, failed, its result. */
function SequenceFigures({ sequence }: { sequence: CampaignSequence }) {
  const { t } = useTranslation();
  const describe = useDescribe();
  const { funnel } = sequence;
  const stopped = Object.values(funnel.stopped).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {(
          [
            ['members', funnel.members],
            ['entered', funnel.entered],
            ['inProgress', funnel.active + funnel.waiting],
            ['completed', funnel.completed],
            ['stopped', stopped],
            ['failed', funnel.failed],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} lg={4} data-testid={`sequence-funnel-${key}`}>
            <Statistic title={t(`sequences.funnel.${key}`)} value={value} />
          </Col>
        ))}
      </Row>
      {stopped > 0 && (
        <Space size={[4, 4]} wrap>
          {sequenceStopReasons
            .filter((r) => funnel.stopped[r])
            .map((r) => (
              <Tag key={r} data-testid={`sequence-stopped-${r}`}>
                {t(`sequences.stopReasons.${r}`)}: {funnel.stopped[r]}
              </Tag>
            ))}
        </Space>
      )}
      <Table<CampaignSequenceStep>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={sequence.steps}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'position', width: 48 },
          {
            title: t('sequences.figures.step'),
            render: (_, step) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{t(`sequences.kinds.${step.settings.kind}`)}</Typography.Text>
                <Typography.Text type="secondary">{describe(step)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('sequences.figures.current'),
            align: 'right',
            render: (_, step) => <span data-testid={`sequence-current-${step.position}`}>{step.figures.current}</span>,
          },
          {
            title: t('sequences.figures.done'),
            align: 'right',
            render: (_, step) => <span data-testid={`sequence-done-${step.position}`}>{step.figures.done}</span>,
          },
          {
            title: t('sequences.figures.skipped'),
            render: (_, step) => (
              <Space size={[4, 4]} wrap>
                {sequenceSkipReasons
                  .filter((r) => step.figures.skipped[r])
                  .map((r) => (
                    <Tag key={r}>
                      {t(`sequences.skipReasons.${r}`)}: {step.figures.skipped[r]}
                    </Tag>
                  ))}
              </Space>
            ),
          },
          { title: t('sequences.figures.failed'), align: 'right', render: (_, step) => step.figures.failed },
          {
            title: t('sequences.figures.result'),
            render: (_, step) =>
              step.settings.kind === 'branch'
                ? `${t('sequences.figures.yes')} ${step.figures.yes} / ${t('sequences.figures.no')} ${step.figures.no}`
                : step.settings.kind === 'email'
                  ? `${t('sequences.figures.opened')} ${step.figures.opened} / ${t('sequences.figures.clicked')} ${step.figures.clicked}`
                  : null,
          },
        ]}
      />
    </Space>
  );
}

/**
 * A campaign's sequence (序列): while a draft, its steps are edited (added, moved, removed, each with its
 * settings) and it is started; running, its steps are fixed and the page shows how many members are at each
 * step, went through it or were skipped and why, and where they all stand; it can be paused and resumed.
 */
export function CampaignSequenceTab({ campaignId, editable }: { campaignId: number; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const reportChangeError = useErrorReporter();
  const { data, isLoading } = useCampaignSequence(campaignId);
  const save = useSaveSequence(campaignId);
  const change = useChangeSequence(campaignId);
  const remove = useRemoveSequence(campaignId);
  const [building, setBuilding] = useState(false);
  const sequence = data?.sequence ?? null;
  const draft = sequence?.status === 'draft';

  // A saved draft fills the editor once per version, so a refetch never overwrites what is being typed.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (sequence?.status === 'draft' && applied.current !== sequence.updatedAt) {
      applied.current = sequence.updatedAt;
      form.setFieldsValue({ perSecond: sequence.perSecond, steps: toForm(sequence.steps) });
    }
  }, [form, sequence]);

  if (isLoading) return <Spin />;
  const submit = async (values: Values) => {
    try {
      await save.mutateAsync({ perSecond: values.perSecond, steps: toInput(values.steps ?? []) });
      message.success(t('sequences.saved'));
    } catch (error) {
      reportError(error);
    }
  };
  const act = async (action: 'start' | 'pause' | 'resume') => {
    try {
      await change.mutateAsync(action);
      if (action === 'start') message.success(t('sequences.started'));
    } catch (error) {
      reportChangeError(error);
    }
  };

  if (!sequence && !building)
    return (
      <Empty description={t('sequences.none')}>
        {editable && (
          <Button type="primary" onClick={() => setBuilding(true)} data-testid="sequence-create">
            {t('sequences.create')}
          </Button>
        )}
      </Empty>
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Tag data-testid="sequence-status">{t(`sequences.statuses.${sequence?.status ?? 'draft'}`)}</Tag>
        {sequence?.startedAt && (
          <Typography.Text type="secondary">
            {t('sequences.startedBy', {
              name: sequence.startedByName ?? '-',
              at: dayjs(sequence.startedAt).format('YYYY-MM-DD HH:mm'),
            })}
          </Typography.Text>
        )}
        {editable && draft && (
          <Popconfirm
            title={t('sequences.startConfirm')}
            onConfirm={() => act('start')}
            okButtonProps={{ 'data-testid': 'sequence-start-confirm' } as ButtonProps}
          >
            <Button type="primary" loading={change.isPending} data-testid="sequence-start">
              {t('sequences.start')}
            </Button>
          </Popconfirm>
        )}
        {editable && sequence?.status === 'active' && (
          <Button onClick={() => void act('pause')} data-testid="sequence-pause">
            {t('sequences.pause')}
          </Button>
        )}
        {editable && sequence?.status === 'paused' && (
          <Button onClick={() => void act('resume')} data-testid="sequence-resume">
            {t('sequences.resume')}
          </Button>
        )}
        {editable && draft && (
          <Popconfirm
            title={t('sequences.deleteConfirm')}
            onConfirm={() => remove.mutateAsync().catch(reportChangeError)}
          >
            <Button danger>{t('sequences.delete')}</Button>
          </Popconfirm>
        )}
      </Space>
      {editable && (draft || !sequence) ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ perSecond: 5, steps: [] }}
          onFinish={(v) => void submit(v)}
        >
          <StepEditor />
          <Form.Item name="perSecond" label={t('sequences.perSecond')} style={{ marginTop: 16 }}>
            <InputNumber min={1} max={maxEmailsPerSecond} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sequence-save">
            {t('sequences.save')}
          </Button>
        </Form>
      ) : (
        sequence?.status !== 'draft' && <Typography.Text type="secondary">{t('sequences.fixed')}</Typography.Text>
      )}
      {sequence && <SequenceFigures sequence={sequence} />}
    </Space>
  );
}
