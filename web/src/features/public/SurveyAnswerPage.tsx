import type { Body, SurveyAnswers } from '@relate/common';
import { Alert, Button, Card, Form, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useErrorReporter } from '../../components/forms';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { answersOf, SurveyQuestionFields } from '../surveys/SurveyQuestionFields';
import { useAnswerPublicSurvey, usePublicSurvey } from './queries';

/** Where a survey link leads: the questions, answered once, without signing in. */
export function SurveyAnswerPage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [done, setDone] = useState(false);
  const survey = usePublicSurvey(token);
  const answer = useAnswerPublicSurvey(token);
  const submit = async (values: { answers?: Record<string, unknown> }) => {
    try {
      // The question fields hold answers of the kinds the survey asks for.
      await answer.mutateAsync({ answers: answersOf(values) as Body<typeof SurveyAnswers>['answers'] });
      setDone(true);
    } catch (error) {
      reportError(error);
    }
  };
  const data = survey.data;
  return (
    <div style={{ maxWidth: 640, margin: '24px auto', padding: 12 }}>
      {survey.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !data ? (
        <Result status="404" title={t('surveys.linkInvalid')} />
      ) : done || data.answered ? (
        <Result status="success" title={t('surveys.thanks')} subTitle={data.companyName} data-testid="survey-done" />
      ) : (
        <Card title={data.name} extra={<LocaleSwitch />}>
          <Typography.Paragraph type="secondary">{data.companyName}</Typography.Paragraph>
          {data.ticketNumber && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('surveys.aboutTicket', { number: data.ticketNumber, subject: data.ticketSubject ?? '' })}
            />
          )}
          {data.intro && <Typography.Paragraph>{data.intro}</Typography.Paragraph>}
          <Form form={form} layout="vertical" onFinish={submit}>
            <SurveyQuestionFields questions={data.questions} />
            <Button type="primary" htmlType="submit" loading={answer.isPending} block data-testid="survey-submit">
              {t('surveys.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
