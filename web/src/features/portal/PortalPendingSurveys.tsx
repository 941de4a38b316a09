import type { SurveyForm } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, List, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../components/forms';
import { answersOf, SurveyQuestionFields } from '../surveys/SurveyQuestionFields';
import { portalApi } from './portal-api';

type Pending = SurveyForm & { id: number };

/** Surveys the company is waiting on from this contact, answered right here. */
export function PortalPendingSurveys() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const [open, setOpen] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = useQuery({
    queryKey: ['portal', 'surveys'],
    queryFn: () => portalApi.get<Pending[]>('/api/portal/v1/surveys'),
  });
  if (!pending.data?.length) return null;
  const submit = async (values: { answers?: Record<string, unknown> }) => {
    if (!open) return;
    setBusy(true);
    try {
      await portalApi.post(`/api/portal/v1/surveys/${open.id}`, { answers: answersOf(values) });
      message.success(t('surveys.thanks'));
      setOpen(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['portal', 'surveys'] });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
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
                    onClick={() => setOpen(s)}
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
      <Modal
        open={open !== null}
        title={open?.name}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={t('surveys.submit')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {open && (
          <Form form={form} layout="vertical" onFinish={submit}>
            <SurveyQuestionFields questions={open.questions} />
          </Form>
        )}
      </Modal>
    </>
  );
}
