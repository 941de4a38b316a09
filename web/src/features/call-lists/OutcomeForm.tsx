import { type CallEntryPreview, callOutcomeRule } from '@relate/common';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDictionary } from '../../components/dictionaries';
import { dateValue, showServerErrors, useRequired } from '../../components/forms';
import { useRecordOutcome } from './queries';

type Values = {
  outcome?: string;
  note?: string;
  callbackAt?: Dayjs | null;
  promise?: { date?: Dayjs | null; amount?: string | null };
  answers?: Record<string, string | number | string[] | null | undefined>;
  confirmation?: Record<string, string | null | undefined>;
};

const contactFields = ['name', 'title', 'mobile', 'phone', 'email'] as const;

/** The survey's questions as fields under `answers`. */
function SurveyQuestions({ survey }: { survey: NonNullable<CallEntryPreview['survey']> }) {
  return (
    <>
      <Typography.Text strong>{survey.name}</Typography.Text>
      {survey.questions.map((q) => (
        <Form.Item key={q.key} name={['answers', q.key]} label={q.label}>
          {q.kind === 'rating' ? (
            <InputNumber min={1} max={5} precision={0} />
          ) : q.kind === 'nps' ? (
            <InputNumber min={0} max={10} precision={0} />
          ) : q.kind === 'single' || q.kind === 'multiple' ? (
            <Select
              allowClear
              mode={q.kind === 'multiple' ? 'multiple' : undefined}
              options={q.options.map((o) => ({ value: o, label: o }))}
            />
          ) : (
            <Input.TextArea rows={2} maxLength={2000} />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/**
 * What the call came to: an outcome of the call_outcome dictionary, with what it needs (a promise to pay: date
 * and amount; call back: when), an optional time to try again for an unanswered call, a note, the survey's
 * answers and the contact's confirmed data. Alt+1…9 picks an outcome, Ctrl+Enter saves.
 */
export function OutcomeForm({ preview, onSaved }: { preview: CallEntryPreview; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale } = useSession();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const outcomes = (useDictionary('call_outcome').data ?? []).filter((o) => o.enabled);
  const record = useRecordOutcome();
  const outcome = Form.useWatch('outcome', form);
  const rule = outcome ? callOutcomeRule(outcome) : null;
  const overdue = preview.entry.details.overdueAmount;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
        const chosen = outcomes[Number(e.code.slice(5)) - 1];
        if (chosen) {
          e.preventDefault();
          form.setFieldValue('outcome', chosen.code);
        }
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        form.submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, outcomes]);

  const save = async (values: Values) => {
    const chosen = callOutcomeRule(values.outcome!);
    const answers = Object.fromEntries(
      Object.entries(values.answers ?? {}).filter(
        ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length),
      ),
    ) as Record<string, string | number | string[]>;
    const changed = Object.fromEntries(
      Object.entries(values.confirmation ?? {}).filter(
        ([field, v]) =>
          v !== undefined && (v || null) !== (preview.contact?.[field as keyof typeof preview.contact] ?? null),
      ),
    );
    try {
      await record.mutateAsync({
        id: preview.entry.id,
        body: {
          outcome: values.outcome!,
          note: values.note?.trim() || null,
          callbackAt: values.callbackAt && !chosen.final ? values.callbackAt.toISOString() : null,
          promise:
            chosen.needs === 'promise'
              ? {
                  date: dateValue(values.promise?.date) ?? '',
                  amount: values.promise?.amount ?? '',
                }
              : null,
          answers: chosen.reached && Object.keys(answers).length ? answers : null,
          confirmation: chosen.reached && Object.keys(changed).length ? changed : null,
        },
      });
      void message.success(t('callLists.dialer.saved'));
      onSaved();
    } catch (error) {
      const text = showServerErrors(form, error);
      if (text) void message.error(text);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(values) => void save(values)}
      // Enter confirms a date typed into a picker, not the whole outcome: saving is Ctrl+Enter or the button.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && (e.target as HTMLElement).tagName === 'INPUT')
          e.preventDefault();
      }}
      initialValues={{
        promise: { amount: overdue ?? null },
        confirmation: preview.list.purpose === 'confirmation' && preview.contact ? { ...preview.contact } : undefined,
      }}
      data-testid="call-outcome-form"
    >
      <Form.Item name="outcome" label={t('callLists.dialer.outcome')} rules={required.value}>
        <Radio.Group data-testid="call-outcome" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {outcomes.map((o, i) => (
            <Radio.Button key={o.code} value={o.code} data-testid={`call-outcome-${o.code}`}>
              {i < 9 && <Typography.Text type="secondary">{i + 1} </Typography.Text>}
              {locale === 'en' ? o.labelEn : o.labelZh}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {rule?.needs === 'promise' && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['promise', 'date']} label={t('callLists.dialer.promiseDate')} rules={required.value}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                data-testid="call-promise-date"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['promise', 'amount']} label={t('callLists.dialer.promiseAmount')} rules={required.value}>
              <InputNumber
                stringMode
                min="0.01"
                precision={2}
                style={{ width: '100%' }}
                addonAfter={preview.entry.details.currency ?? undefined}
                data-testid="call-promise-amount"
              />
            </Form.Item>
          </Col>
        </Row>
      )}
      {rule && !rule.final && (
        <Form.Item
          name="callbackAt"
          label={rule.needs === 'callbackAt' ? t('callLists.dialer.callbackAt') : t('callLists.dialer.rescheduleAt')}
          rules={rule.needs === 'callbackAt' ? required.value : undefined}
          extra={t('callLists.dialer.rescheduleHint')}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="call-callback-at"
          />
        </Form.Item>
      )}
      {rule?.reached && preview.survey && <SurveyQuestions survey={preview.survey} />}
      {rule?.reached && preview.contact && preview.list.purpose === 'confirmation' && (
        <Row gutter={16}>
          {contactFields.map((field) => (
            <Col xs={24} md={12} key={field}>
              <Form.Item name={['confirmation', field]} label={t(`contacts.fields.${field}`)}>
                <Input maxLength={field === 'email' ? 200 : 100} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      )}
      <Form.Item name="note" label={t('callLists.dialer.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="call-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="call-outcome-save">
        {t('callLists.dialer.save')}
      </Button>
      <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 12 }}>
        {t('callLists.dialer.keys')}
      </Typography.Text>
    </Form>
  );
}
