import type { SurveyQuestion } from '@relate/common';
import { Checkbox, Form, Input, Radio, Rate, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The questions of a survey as form fields under `answers`, for the public link and the portal alike. */
export function SurveyQuestionFields({ questions }: { questions: SurveyQuestion[] }) {
  const { t } = useTranslation();
  return (
    <>
      {questions.map((q) => (
        <Form.Item
          key={q.key}
          name={['answers', q.key]}
          label={q.label}
          rules={q.required ? [{ required: true, message: t('validation.required') }] : []}
        >
          {q.kind === 'rating' ? (
            <Rate aria-label={q.label} />
          ) : q.kind === 'nps' ? (
            <Radio.Group optionType="button" buttonStyle="solid" aria-label={q.label}>
              <Space size={2} wrap>
                {Array.from({ length: 11 }, (_, i) => (
                  <Radio.Button key={i} value={i}>
                    {i}
                  </Radio.Button>
                ))}
              </Space>
            </Radio.Group>
          ) : q.kind === 'single' ? (
            <Radio.Group options={q.options} />
          ) : q.kind === 'multiple' ? (
            <Checkbox.Group options={q.options} />
          ) : (
            <Input.TextArea rows={3} maxLength={2000} />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** Unanswered questions are left out rather than sent empty. */
export function answersOf(values: { answers?: Record<string, unknown> }) {
  return Object.fromEntries(
    Object.entries(values.answers ?? {}).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}
