import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  customFieldPrefix,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentEntity,
  type SegmentField,
  segmentCustomFieldEntities,
  segmentFields,
  type SegmentGroup,
  segmentOperators,
  valuelessOperators,
} from '@relate/common';
import { Button, Card, DatePicker, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { useCustomFields } from '../../components/queries';
import { DepartmentSelect, UserSelect } from '../../components/users';
import { CampaignSelect } from '../campaigns/CampaignSelect';

type Rule = SegmentGroup | SegmentCondition;
type FieldOption = SegmentField & { label: string; options?: Array<{ value: string; label: string }> };

/** Where the labels of a fixed list of codes live. */
const codeLabels: Record<string, string> = {
  gender: 'contacts.genders',
  status: 'leads.statuses',
  rfmClass: 'customerValue.classes',
};

/** The fields of an entity with their labels: the whitelist and the enabled custom fields. */
export function useSegmentFieldOptions(entity: SegmentEntity): FieldOption[] {
  const { t } = useTranslation();
  const { locale } = useSession();
  const withCustom = segmentCustomFieldEntities.includes(entity);
  const { data: custom = [] } = useCustomFields(entity === 'leads' ? 'customers' : entity);
  const fields: FieldOption[] = segmentFields[entity].map((f: SegmentField) => {
    const own = f.key.replace('customer.', '');
    const labels = codeLabels[own];
    return {
      ...f,
      label: t(`segments.fields.${f.key}`),
      options: f.codes?.map((c) => ({ value: c, label: labels ? t(`${labels}.${c}`) : c })),
    };
  });
  if (!withCustom) return fields;
  return [
    ...fields,
    ...custom
      .filter((c) => c.enabled)
      .map((c) => ({
        key: `${customFieldPrefix}${c.key}`,
        type: c.type === 'select' ? ('choice' as const) : c.type === 'multiselect' ? ('multichoice' as const) : c.type,
        label: locale === 'en' ? c.labelEn : c.labelZh,
        options: c.options.map((o) => ({ value: o.code, label: locale === 'en' ? o.labelEn : o.labelZh })),
      })),
  ];
}

function ValueInput({
  field,
  condition,
  onChange,
}: {
  field: FieldOption;
  condition: SegmentCondition;
  onChange: (value: SegmentCondition['value']) => void;
}) {
  const { t } = useTranslation();
  const { op, value } = condition;
  if (valuelessOperators.includes(op)) return null;
  const pair = Array.isArray(value) ? value : [];
  const common = { style: { minWidth: 200 }, 'data-testid': 'segment-value' };
  switch (field.type) {
    case 'text':
      return <Input {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
    case 'money': {
      const toValue = (v: number | string | null) =>
        v === null ? null : field.type === 'money' ? String(v) : Number(v);
      if (op === 'between')
        return (
          <Space>
            <InputNumber value={pair[0] as number} onChange={(v) => onChange([toValue(v), pair[1]] as never)} />
            <InputNumber value={pair[1] as number} onChange={(v) => onChange([pair[0], toValue(v)] as never)} />
          </Space>
        );
      return (
        <InputNumber
          {...common}
          stringMode={field.type === 'money'}
          value={value as number}
          onChange={(v) => onChange(toValue(v))}
        />
      );
    }
    case 'date':
      if (op === 'inLastDays' || op === 'notInLastDays')
        return (
          <InputNumber
            {...common}
            min={1}
            precision={0}
            addonAfter={t('segments.days')}
            value={value as number}
            onChange={(v) => onChange(v)}
          />
        );
      if (op === 'between')
        return (
          <DatePicker.RangePicker
            value={pair.length === 2 ? [dayjs(String(pair[0])), dayjs(String(pair[1]))] : null}
            onChange={(range) =>
              onChange(range?.[0] && range[1] ? [range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')] : null)
            }
          />
        );
      return (
        <DatePicker
          {...common}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    case 'choice':
    case 'multichoice': {
      const props = {
        ...common,
        mode: 'multiple' as const,
        value: (value as string[] | undefined) ?? [],
        onChange: (v: string[]) => onChange(v),
      };
      if (field.dictionary) return <DictionarySelect type={field.dictionary} {...props} />;
      if (field.options) return <Select {...props} options={field.options} />;
      // Tags are free text.
      return <Select {...props} mode="tags" />;
    }
    case 'region':
      return (
        <Select
          {...common}
          mode="tags"
          placeholder={t('segments.regionHint')}
          value={(value as string[] | undefined) ?? []}
          onChange={(v: string[]) => onChange(v)}
        />
      );
    case 'user':
      return (
        <UserSelect
          {...common}
          mode="multiple"
          value={(value as number[] | undefined) ?? []}
          onChange={(v: number[]) => onChange(v)}
        />
      );
    case 'department':
      return (
        <DepartmentSelect
          {...common}
          multiple
          value={(value as number[] | undefined) ?? []}
          onChange={(v: number[]) => onChange(v)}
        />
      );
    case 'campaign':
      return (
        <CampaignSelect
          {...common}
          mode="multiple"
          value={(value as number[] | undefined) ?? []}
          onChange={(v: number[]) => onChange(v)}
        />
      );
  }
}

function ConditionRow({
  fields,
  condition,
  error,
  onChange,
  onRemove,
}: {
  fields: FieldOption[];
  condition: SegmentCondition;
  error?: string;
  onChange: (c: SegmentCondition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.key === condition.field);
  const ops = field ? segmentOperators[field.type] : [];
  return (
    <div data-testid="segment-condition">
      <Space wrap align="start">
        <Select
          style={{ width: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('segments.field')}
          value={condition.field || undefined}
          options={fields.map((f) => ({ value: f.key, label: f.label }))}
          onChange={(key: string) => {
            const next = fields.find((f) => f.key === key)!;
            onChange({ field: key, op: segmentOperators[next.type][0] });
          }}
          data-testid="segment-field"
        />
        {field && (
          <Select
            style={{ width: 150 }}
            value={condition.op}
            options={ops.map((o) => ({ value: o, label: t(`segments.operators.${o}`) }))}
            onChange={(op: string) => onChange({ field: condition.field, op, days: condition.days })}
            data-testid="segment-operator"
          />
        )}
        {field && (
          <ValueInput field={field} condition={condition} onChange={(value) => onChange({ ...condition, value })} />
        )}
        {field?.period && (
          <InputNumber
            min={1}
            precision={0}
            placeholder={t('segments.allTime')}
            addonBefore={t('segments.inLast')}
            addonAfter={t('segments.days')}
            value={condition.days}
            onChange={(days) => onChange({ ...condition, days: days ?? undefined })}
          />
        )}
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.remove')} />
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </div>
  );
}

function GroupEditor({
  fields,
  group,
  path,
  depth,
  errors,
  onChange,
  onRemove,
}: {
  fields: FieldOption[];
  group: SegmentGroup;
  path: string;
  depth: number;
  errors: Record<string, string>;
  onChange: (g: SegmentGroup) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const setRule = (i: number, rule: Rule) =>
    onChange({ ...group, rules: group.rules.map((r, k) => (k === i ? rule : r)) });
  const removeRule = (i: number) => onChange({ ...group, rules: group.rules.filter((_, k) => k !== i) });
  return (
    <Card size="small" style={depth > 1 ? { background: 'rgba(0,0,0,0.02)' } : undefined} data-testid="segment-group">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Radio.Group
            size="small"
            optionType="button"
            value={group.combinator}
            onChange={(e) => onChange({ ...group, combinator: e.target.value })}
            options={[
              { value: 'and', label: t('segments.and') },
              { value: 'or', label: t('segments.or') },
            ]}
          />
          <Space size={4}>
            <Switch size="small" checked={!!group.not} onChange={(not) => onChange({ ...group, not })} />
            <Typography.Text type="secondary">{t('segments.not')}</Typography.Text>
          </Space>
          {onRemove && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
              {t('segments.removeGroup')}
            </Button>
          )}
        </Space>
        {errors[path] && <Typography.Text type="danger">{errors[path]}</Typography.Text>}
        {group.rules.map((rule, i) =>
          isSegmentGroup(rule) ? (
            <GroupEditor
              key={i}
              fields={fields}
              group={rule}
              path={`${path}.rules.${i}`}
              depth={depth + 1}
              errors={errors}
              onChange={(g) => setRule(i, g)}
              onRemove={() => removeRule(i)}
            />
          ) : (
            <ConditionRow
              key={i}
              fields={fields}
              condition={rule}
              error={errors[`${path}.rules.${i}`]}
              onChange={(c) => setRule(i, c)}
              onRemove={() => removeRule(i)}
            />
          ),
        )}
        <Space>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...group, rules: [...group.rules, { field: '', op: '' }] })}
            data-testid="segment-add-condition"
          >
            {t('segments.addCondition')}
          </Button>
          {depth < 4 && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => onChange({ ...group, rules: [...group.rules, { combinator: 'and', rules: [] }] })}
            >
              {t('segments.addGroup')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}

/** Drops the conditions not yet given a field, so that a half-written row does not fail the live count. */
export function completeConditions(group: SegmentGroup): SegmentGroup {
  return {
    ...group,
    rules: group.rules
      .filter((r) => isSegmentGroup(r) || r.field)
      .map((r) => (isSegmentGroup(r) ? completeConditions(r) : r)),
  };
}

const hasValue = (c: SegmentCondition) =>
  valuelessOperators.includes(c.op) ||
  (Array.isArray(c.value)
    ? c.value.length > 0 && c.value.every((v) => v !== null && v !== '')
    : c.value !== undefined && c.value !== null && c.value !== '');

/** The conditions the live count can already ask about: those with a field and a value. */
export function countableConditions(group: SegmentGroup): SegmentGroup {
  return {
    ...group,
    rules: group.rules
      .filter((r) => isSegmentGroup(r) || (r.field && hasValue(r)))
      .map((r) => (isSegmentGroup(r) ? countableConditions(r) : r)),
  };
}

/**
 * The filter tree of a segment: AND/OR groups (each may be negated, nested four deep) of conditions, a
 * field, a comparison that fits its type and a value entered the way the field is (dictionary options,
 * dates, users, departments, campaigns). The server's messages are shown by each condition.
 */
export function FilterBuilder({
  entity,
  value,
  errors,
  onChange,
}: {
  entity: SegmentEntity;
  value: SegmentGroup;
  errors: Record<string, string>;
  onChange: (g: SegmentGroup) => void;
}) {
  const fields = useSegmentFieldOptions(entity);
  return <GroupEditor fields={fields} group={value} path="filter" depth={1} errors={errors} onChange={onChange} />;
}
