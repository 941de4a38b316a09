import type { Body, SurveyAnswers } from '@relate/common';
import { Alert, Button, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { answersOf, SurveyQuestionFields } from '../surveys/SurveyQuestionFields';
import type { PortalPendingSurvey } from './api';
import { useAnswerPortalSurvey, usePendingPortalSurveys } from './queries';

type AnswerValues = { answers?: Record<string, unknown> };

/** Surveys the company is waiting on from this contact, answered right here. */
export function PortalPendingSurveys() {
  const { t } = useTranslation();
  const pending = usePendingPortalSurveys();
  const answerSurvey = useAnswerPortalSurvey();
  const dialog = useSaveDialog<PortalPendingSurvey>();
  if (!pending.data?.length) return null;
  const answer = (values: AnswerValues, survey: PortalPendingSurvey | null) =>
    answerSurvey.mutateAsync({
      id: survey!.id,
      // The question fields hold answers of the kinds the survey asks for.
      body: { answers: answersOf(values) as Body<typeof SurveyAnswers>['answers'] },
    });
  return (
    <>
      <Alert
        type="info"
        showIcon
        message={t('portal.surveysWaiting')}
        description={
          <List
            size="small"
            dataSource={pending.data}
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Button
                    key="answer"
                    size="small"
                    type="primary"
                    onClick={() => dialog.openEdit(s)}
                    data-testid={`portal-survey-${s.id}`}
                  >
                    {t('portal.answerSurvey')}
                  </Button>,
                ]}
              >
                {s.name}
                {s.ticketNumber ? ` · ${s.ticketNumber} ${s.ticketSubject ?? ''}` : ''}
              </List.Item>
            )}
          />
        }
      />
      <SaveDialog<PortalPendingSurvey, AnswerValues>
        dialog={dialog}
        title={dialog.record?.name ?? ''}
        toValues={() => ({})}
        onSave={answer}
        savedMessage={t('surveys.thanks')}
        okText={t('surveys.submit')}
      >
        {dialog.record && <SurveyQuestionFields questions={dialog.record.questions} />}
      </SaveDialog>
    </>
  );
}
