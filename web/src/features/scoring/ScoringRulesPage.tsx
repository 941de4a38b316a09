import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type ScoringEntity,
  type ScoringGroup,
  type ScoringRule,
  scoringEntities,
  scoringEvents,
  scoringFields,
  scoringOperators,
} from '@relate/common';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionarySelect, useDictionaryLabel } from '../../components/dictionaries';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import {
  useDeleteScoringGroup,
  useDeleteScoringRule,
  useRecomputeScores,
  useSaveScoringGroup,
  useSaveScoringRule,
  useScoringSetup,
} from './queries';

type FieldSpec = { dictionary?: 'industry' | 'customer_source' };
const fieldSpec = (entity: ScoringEntity | null | undefined, field: string | null | undefined): FieldSpec =>
  entity && field ? ((scoringFields[entity] as Record<string, FieldSpec>)[field] ?? {}) : {};

/** Score groups with their field and behaviour rules; the default group's total is a lead's or contact's score. */
export function ScoringRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('scoring.title'));
  const { data } = useScoringSetup();
  const recompute = useRecomputeScores();
  const removeGroup = useDeleteScoringGroup();
  const { message, modal } = App.useApp();
  const [editingGroup, setEditingGroup] = useState<ScoringGroup | 'new' | null>(null);
  const [editingRule, setEditingRule] = useState<{ groupId: number; rule: ScoringRule | null } | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('scoring.title')}
        </Typography.Title>
        <Space wrap>
          {data?.recomputing && <Tag color="processing">{t('scoring.recomputing')}</Tag>}
          <Button
            icon={<ReloadOutlined />}
            loading={recompute.isPending}
            onClick={() => recompute.mutate(undefined, { onSuccess: () => void message.success(t('scoring.queued')) })}
          >
            {t('scoring.recompute')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingGroup('new')} data-testid="new-group">
            {t('scoring.newGroup')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('scoring.intro')}</Typography.Text>
      {data?.groups.map((group) => (
        <Card
          key={group.id}
          size="small"
          data-testid={`scoring-group-${group.id}`}
          title={
            <Space>
              {group.name}
              {group.isDefault && <Tag color="blue">{t('scoring.default')}</Tag>}
            </Space>
          }
          extra={
            <Space>
              <Typography.Text type="secondary">{decayText(t, group)}</Typography.Text>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setEditingRule({ groupId: group.id, rule: null })}
                data-testid={group.isDefault ? 'new-rule-default' : `new-rule-${group.id}`}
              >
                {t('scoring.newRule')}
              </Button>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t('common.edit')}
                onClick={() => setEditingGroup(group)}
              />
              {!group.isDefault && (
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() =>
                    modal.confirm({ title: t('common.deleteConfirm'), onOk: () => removeGroup.mutateAsync(group.id) })
                  }
                />
              )}
            </Space>
          }
        >
          <RulesTable group={group} onEdit={(rule) => setEditingRule({ groupId: group.id, rule })} />
        </Card>
      ))}
      {editingGroup && (
        <GroupDialog group={editingGroup === 'new' ? null : editingGroup} onClose={() => setEditingGroup(null)} />
      )}
      {editingRule && (
        <RuleDialog groupId={editingRule.groupId} rule={editingRule.rule} onClose={() => setEditingRule(null)} />
      )}
    </Space>
  );
}

function decayText(t: (key: string, options?: Record<string, unknown>) => string, group: ScoringGroup) {
  const parts = [];
  if (group.decayPercent) parts.push(t('scoring.decaySummary', { percent: group.decayPercent, days: group.decayDays }));
  if (group.expireDays) parts.push(t('scoring.expireSummary', { days: group.expireDays }));
  return parts.join('；');
}

function RulesTable({ group, onEdit }: { group: ScoringGroup; onEdit: (rule: ScoringRule) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const remove = useDeleteScoringRule();
  const industry = useDictionaryLabel('industry');
  const source = useDictionaryLabel('customer_source');
  const valueText = (rule: ScoringRule) => {
    const label = (v: string) => {
      const spec = fieldSpec(rule.entity, rule.field);
      return spec.dictionary === 'industry' ? industry(v) : spec.dictionary === 'customer_source' ? source(v) : v;
    };
    if (rule.value == null) return '';
    return Array.isArray(rule.value) ? rule.value.map(label).join('、') : label(String(rule.value));
  };
  const condition = (rule: ScoringRule) =>
    rule.kind === 'field'
      ? `${t(`scoring.entities.${rule.entity}`)} · ${t(`scoring.fields.${rule.field}`)} ${t(`scoring.operators.${rule.operator}`)} ${valueText(rule)}`
      : rule.event === 'no_activity'
        ? t('scoring.noActivityDays', { days: rule.days })
        : t(`scoring.events.${rule.event}`);
  return (
    <Table<ScoringRule>
      rowKey="id"
      size="small"
      dataSource={group.rules}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('scoring.noRules') }}
      columns={[
        {
          title: t('scoring.ruleName'),
          dataIndex: 'name',
          render: (name, r) => (r.active ? name : <Typography.Text delete>{name}</Typography.Text>),
        },
        { title: t('scoring.kind'), dataIndex: 'kind', render: (kind) => t(`scoring.kinds.${kind}`) },
        { title: t('scoring.condition'), render: (_, rule) => condition(rule) },
        {
          title: t('scoring.points'),
          dataIndex: 'points',
          render: (points: number) => (
            <Typography.Text type={points < 0 ? 'danger' : 'success'}>
              {points > 0 ? `+${points}` : points}
            </Typography.Text>
          ),
        },
        {
          title: t('scoring.cap'),
          render: (_, rule) =>
            rule.capPoints != null ? t('scoring.capSummary', { points: rule.capPoints, days: rule.capDays }) : '-',
        },
        {
          title: '',
          render: (_, rule) => (
            <Space>
              <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(rule)} />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() =>
                  modal.confirm({ title: t('common.deleteConfirm'), onOk: () => remove.mutateAsync(rule.id) })
                }
              />
            </Space>
          ),
        },
      ]}
    />
  );
}

type GroupValues = Omit<ScoringGroup, 'id' | 'rules'>;

function GroupDialog({ group, onClose }: { group: ScoringGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const required = useRequired();
  const reportError = useErrorReporter(form);
  const save = useSaveScoringGroup();
  const submit = async (values: GroupValues) => {
    try {
      await save.mutateAsync({ id: group?.id, body: { ...values, expireDays: values.expireDays ?? null } });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Modal
      open
      title={group ? t('scoring.editGroup') : t('scoring.newGroup')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'group-save' } as Record<`data-${string}`, string>}
    >
      <Form<GroupValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={group ?? { isDefault: false, decayPercent: 0, decayDays: 30, expireDays: null }}
      >
        <Form.Item name="name" label={t('scoring.groupName')} rules={required.text}>
          <Input maxLength={200} data-testid="group-name" />
        </Form.Item>
        <Form.Item
          name="isDefault"
          label={t('scoring.isDefault')}
          valuePropName="checked"
          extra={t('scoring.isDefaultHelp')}
        >
          <Switch disabled={group?.isDefault} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="decayPercent" label={t('scoring.decayPercent')}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" />
          </Form.Item>
          <Form.Item name="decayDays" label={t('scoring.decayDays')} rules={required.value}>
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
          <Form.Item name="expireDays" label={t('scoring.expireDays')}>
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('scoring.decayHelp')}</Typography.Text>
      </Form>
    </Modal>
  );
}

type RuleValues = Omit<ScoringRule, 'id' | 'groupId'>;

function RuleDialog({ groupId, rule, onClose }: { groupId: number; rule: ScoringRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleValues>();
  const required = useRequired();
  const reportError = useErrorReporter(form);
  const save = useSaveScoringRule();
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'field';
  const entity = (Form.useWatch('entity', form) ?? rule?.entity ?? 'leads') as ScoringEntity;
  const field = Form.useWatch('field', form) ?? rule?.field;
  const operator = Form.useWatch('operator', form) ?? rule?.operator ?? 'equals';
  const event = Form.useWatch('event', form) ?? rule?.event;
  const spec = fieldSpec(entity, field);
  const submit = async (values: RuleValues) => {
    try {
      await save.mutateAsync({ id: rule?.id, body: { ...values, groupId } });
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  const valueInput = () => {
    if (operator === 'is_set') return null;
    if (operator === 'gt') return <InputNumber data-testid="rule-value" />;
    if (operator === 'in')
      return spec.dictionary ? (
        <DictionarySelect type={spec.dictionary} mode="multiple" data-testid="rule-value" />
      ) : (
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="rule-value" />
      );
    if (operator === 'equals' && spec.dictionary)
      return <DictionarySelect type={spec.dictionary} data-testid="rule-value" />;
    return <Input maxLength={200} data-testid="rule-value" />;
  };
  return (
    <Modal
      open
      title={rule ? t('scoring.editRule') : t('scoring.newRule')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      okButtonProps={{ 'data-testid': 'rule-save' } as Record<`data-${string}`, string>}
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={rule ?? { kind: 'field', entity: 'leads', operator: 'equals', active: true }}
      >
        <Form.Item name="name" label={t('scoring.ruleName')} rules={required.text}>
          <Input maxLength={200} data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('scoring.kind')}>
          <Radio.Group
            options={(['field', 'behaviour'] as const).map((k) => ({ value: k, label: t(`scoring.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'field' ? (
          <>
            <Space wrap>
              <Form.Item name="entity" label={t('scoring.entity')} rules={required.value}>
                <Select
                  style={{ width: 120 }}
                  options={scoringEntities.map((e) => ({ value: e, label: t(`scoring.entities.${e}`) }))}
                  onChange={() => form.setFieldsValue({ field: undefined, value: undefined })}
                />
              </Form.Item>
              <Form.Item name="field" label={t('scoring.field')} rules={required.value}>
                <Select
                  style={{ width: 160 }}
                  data-testid="rule-field"
                  options={Object.keys(scoringFields[entity]).map((f) => ({
                    value: f,
                    label: t(`scoring.fields.${f}`),
                  }))}
                  onChange={() => form.setFieldsValue({ value: undefined })}
                />
              </Form.Item>
              <Form.Item name="operator" label={t('scoring.operator')} rules={required.value}>
                <Select
                  style={{ width: 140 }}
                  options={scoringOperators.map((o) => ({ value: o, label: t(`scoring.operators.${o}`) }))}
                  onChange={() => form.setFieldsValue({ value: undefined })}
                />
              </Form.Item>
            </Space>
            {operator !== 'is_set' && (
              <Form.Item name="value" label={t('scoring.value')} rules={required.value}>
                {valueInput()}
              </Form.Item>
            )}
          </>
        ) : (
          <Space wrap>
            <Form.Item name="event" label={t('scoring.event')} rules={required.value}>
              <Select
                style={{ width: 200 }}
                options={scoringEvents.map((e) => ({ value: e, label: t(`scoring.events.${e}`) }))}
              />
            </Form.Item>
            {event === 'no_activity' && (
              <Form.Item name="days" label={t('scoring.days')} rules={required.value}>
                <InputNumber min={1} max={3650} precision={0} />
              </Form.Item>
            )}
          </Space>
        )}
        <Space wrap>
          <Form.Item name="points" label={t('scoring.points')} rules={required.value}>
            <InputNumber min={-1000} max={1000} precision={0} data-testid="rule-points" />
          </Form.Item>
          {kind === 'behaviour' && (
            <>
              <Form.Item name="capPoints" label={t('scoring.capPoints')}>
                <InputNumber min={1} precision={0} />
              </Form.Item>
              <Form.Item name="capDays" label={t('scoring.capDays')}>
                <InputNumber min={1} max={3650} precision={0} />
              </Form.Item>
            </>
          )}
        </Space>
        {kind === 'behaviour' && (
          <Typography.Paragraph type="secondary">{t('scoring.behaviourHelp')}</Typography.Paragraph>
        )}
        <Form.Item name="active" label={t('scoring.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
