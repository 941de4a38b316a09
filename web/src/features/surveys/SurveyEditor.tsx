import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type Survey, surveyQuestionKinds, type SurveyQuestionKind } from '@relate/common';
import { Button, Card, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { useSaveSurvey } from './queries';

type QuestionValues = {
  key?: string;
  kind: SurveyQuestionKind;
  label: string;
  options?: string[];
  required?: boolean;
};
type SurveyValues = { name: string; intro?: string; active: boolean; questions: QuestionValues[] };

/** Writes or edits a survey: its questions in order, each a star rating, 0–10, a choice or free text. */
export function SurveyEditor({ survey, open, onClose }: { survey?: Survey; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm<SurveyValues>();
  const saveSurvey = useSaveSurvey();
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        survey
          ? { ...survey, intro: survey.intro ?? '' }
          : {
              name: '',
              intro: '',
              active: true,
              questions: [{ kind: 'rating', label: t('surveys.defaultRating'), required: true }],
            },
      );
  }, [open, survey, form, t]);
  const save = (values: SurveyValues) => {
    // New questions get a key that stays with them, so answers keep matching after edits.
    const used = new Set(values.questions.map((q) => q.key).filter(Boolean));
    let n = 1;
    const nextKey = () => {
      while (used.has(`q${n}`)) n++;
      used.add(`q${n}`);
      return `q${n}`;
    };
    const questions = values.questions.map((q) => ({
      ...q,
      key: q.key || nextKey(),
      options: q.kind === 'single' || q.kind === 'multiple' ? (q.options ?? []) : [],
      required: Boolean(q.required),
    }));
    return saveSurvey.mutateAsync({ id: survey?.id, body: { ...values, intro: values.intro || null, questions } });
  };
  return (
    <SaveDrawer
      form={form}
      title={survey ? t('surveys.edit') : t('surveys.new')}
      open={open}
      onClose={onClose}
      onSave={save}
      saving={saveSurvey.isPending}
      saveTestId="survey-save"
    >
      <Form.Item name="name" label={t('surveys.fields.name')} rules={required.text}>
        <Input maxLength={100} data-testid="survey-name" />
      </Form.Item>
      <Form.Item name="intro" label={t('surveys.fields.intro')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="active" label={t('surveys.fields.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t('surveys.questionNumber', { n: index + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.remove')}
                    disabled={fields.length === 1}
                  />
                }
              >
                <Form.Item name={[field.name, 'key']} hidden>
                  <Input />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item name={[field.name, 'kind']} label={t('surveys.fields.kind')} style={{ minWidth: 180 }}>
                    <Select options={surveyQuestionKinds.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'required']}
                    label={t('surveys.fields.required')}
                    valuePropName="checked"
                  >
                    <Switch size="small" />
                  </Form.Item>
                </Space>
                <Form.Item name={[field.name, 'label']} label={t('surveys.fields.question')} rules={required.text}>
                  <Input maxLength={300} data-testid={`survey-question-${index}`} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    ['single', 'multiple'].includes(form.getFieldValue(['questions', field.name, 'kind'])) && (
                      <Form.Item
                        name={[field.name, 'options']}
                        label={t('surveys.fields.options')}
                        extra={t('surveys.optionsHint')}
                      >
                        <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'single', label: '', options: [], required: false })}
              block
              data-testid="survey-add-question"
            >
              {t('surveys.addQuestion')}
            </Button>
          </Space>
        )}
      </Form.List>
    </SaveDrawer>
  );
}
