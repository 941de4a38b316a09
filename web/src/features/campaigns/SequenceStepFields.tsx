import { sequenceBranchConditions, taskPriorities } from '@relate/common';
import { DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { useEmailTemplates } from '../email-templates/queries';
import { SegmentSelect } from '../segments/SegmentSelect';
import { useSmsTemplates } from '../sms/queries';

/** The merge fields a task title or an SMS variable may name (filled in for each member). */
export const mergeFields = '{{name}} {{customer}} {{owner}} {{campaign}}';

function MergeHelp() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary">
      {t('sequences.mergeFields')} <Typography.Text code>{mergeFields}</Typography.Text>
    </Typography.Text>
  );
}

/** The SMS template's variables, one field each. */
function SmsVariables({ index }: { index: number }) {
  const required = useRequired();
  const templates = useSmsTemplates();
  const templateId = Form.useWatch(['steps', index, 'templateId']) as number | undefined;
  const template = templates.data?.items.find((tpl) => tpl.id === templateId);
  return (
    <>
      {(template?.variables ?? []).map((variable) => (
        <Form.Item
          key={variable.name}
          name={[index, 'variables', variable.name]}
          label={`\${${variable.name}}`}
          rules={required.text}
        >
          <Input maxLength={200} />
        </Form.Item>
      ))}
      {template && template.variables.length > 0 && <MergeHelp />}
    </>
  );
}

/**
 * The settings of one step of the editor's list (`steps`), by its kind: templates, days, a branch's condition
 * and where "no" leads (a later step or the end), a task's title, a segment.
 */
export function SequenceStepFields({ index, count }: { index: number; count: number }) {
  const { t } = useTranslation();
  const required = useRequired();
  const kind = Form.useWatch(['steps', index, 'kind']) as string | undefined;
  const condition = Form.useWatch(['steps', index, 'condition']) as string | undefined;
  const emailTemplates = useEmailTemplates({ category: ['marketing'], pageSize: 100 }, kind === 'email');
  const smsTemplates = useSmsTemplates(kind === 'sms');
  switch (kind) {
    case 'email':
      return (
        <Form.Item name={[index, 'templateId']} label={t('sequences.fields.templateId')} rules={required.value}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={emailTemplates.isFetching}
            options={(emailTemplates.data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          />
        </Form.Item>
      );
    case 'sms':
      return (
        <>
          <Form.Item name={[index, 'templateId']} label={t('sequences.fields.smsTemplateId')} rules={required.value}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={smsTemplates.isFetching}
              options={(smsTemplates.data?.items ?? [])
                .filter((tpl) => tpl.enabled)
                .map((tpl) => ({ value: tpl.id, label: tpl.name }))}
            />
          </Form.Item>
          <SmsVariables index={index} />
        </>
      );
    case 'wait':
      return (
        <>
          <Form.Item name={[index, 'days']} label={t('sequences.fields.days')} extra={t('sequences.fields.waitHelp')}>
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
          <Form.Item name={[index, 'until']} label={t('sequences.fields.until')}>
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'branch':
      return (
        <>
          <Form.Item
            name={[index, 'condition']}
            label={t('sequences.fields.condition')}
            rules={required.value}
            extra={t('sequences.fields.yesHelp')}
          >
            <Select
              options={sequenceBranchConditions.map((c) => ({ value: c, label: t(`sequences.conditions.${c}`) }))}
            />
          </Form.Item>
          {condition === 'score' && (
            <Form.Item name={[index, 'minScore']} label={t('sequences.fields.minScore')} rules={required.value}>
              <InputNumber precision={0} />
            </Form.Item>
          )}
          <Form.Item name={[index, 'noStep']} label={t('sequences.fields.noStep')}>
            <Select
              options={[
                { value: 0, label: t('sequences.toEnd') },
                ...Array.from({ length: Math.max(count - index - 1, 0) }, (_, i) => ({
                  value: index + i + 2,
                  label: t('sequences.step', { n: index + i + 2 }),
                })),
              ]}
            />
          </Form.Item>
        </>
      );
    case 'task':
      return (
        <>
          <Form.Item
            name={[index, 'title']}
            label={t('sequences.fields.title')}
            rules={required.text}
            extra={<MergeHelp />}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={[index, 'dueDays']} label={t('sequences.fields.dueDays')} rules={required.value}>
            <InputNumber min={0} max={365} precision={0} />
          </Form.Item>
          <Form.Item name={[index, 'priority']} label={t('sequences.fields.priority')}>
            <Select options={taskPriorities.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))} />
          </Form.Item>
        </>
      );
    case 'segment':
      return (
        <>
          <Form.Item name={[index, 'action']} label={t('sequences.fields.action')} rules={required.value}>
            <Select
              options={(['add', 'remove'] as const).map((a) => ({
                value: a,
                label: t(`sequences.segmentActions.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item name={[index, 'segmentId']} label={t('sequences.fields.segmentId')} rules={required.value}>
            <SegmentSelect kind="static" />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}
