import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Skeleton, Space, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useMyDailyReport, useSaveMyDailyReport } from './queries';
import { ReportActivity } from './ReportActivity';

type Values = { summary: string; plan?: string; problems?: string };

/** The caller's report for one day: drafted from the day's records, edited, saved, then submitted. */
export function MyReportTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message, modal } = App.useApp();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const { data: report, isLoading } = useMyDailyReport(date);
  useEffect(() => {
    if (report)
      form.setFieldsValue({
        summary: report.summary,
        plan: report.plan ?? undefined,
        problems: report.problems ?? undefined,
      });
  }, [report, form]);
  const save = useSaveMyDailyReport(date);
  const submitted = report?.status === 'submitted';
  const persist = async (submit: boolean) => {
    const values = await form.validateFields();
    const feedback = {
      onSuccess: () => void message.success(t(submit ? 'dailyReports.submitted' : 'common.saved')),
      onError: reportError,
    };
    if (!submit) return save.mutate({ ...values, submit }, feedback);
    modal.confirm({
      title: t('dailyReports.submitConfirm'),
      content: t('dailyReports.submitHint'),
      onOk: () => save.mutateAsync({ ...values, submit }, feedback),
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Space style={{ marginBottom: 16 }}>
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          />
          {report && <Tag color={submitted ? 'green' : 'default'}>{t(`dailyReports.statuses.${report.status}`)}</Tag>}
        </Space>
        {isLoading ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" disabled={submitted} onFinish={() => void persist(false)}>
            {submitted && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 16 }}
                message={t('dailyReports.submittedAt', { time: dayjs(report?.submittedAt).format('YYYY-MM-DD HH:mm') })}
              />
            )}
            <Form.Item name="summary" label={t('dailyReports.fields.summary')} rules={required.text}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} data-testid="report-summary" />
            </Form.Item>
            <Form.Item name="plan" label={t('dailyReports.fields.plan')}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="problems" label={t('dailyReports.fields.problems')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            {!submitted && (
              <Space>
                <Button htmlType="submit" loading={save.isPending}>
                  {t('dailyReports.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  onClick={() => void persist(true)}
                  loading={save.isPending}
                  data-testid="report-submit"
                >
                  {t('dailyReports.submit')}
                </Button>
              </Space>
            )}
          </Form>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('dailyReports.activity')}>
          {report && (
            <>
              <Row gutter={8} style={{ marginBottom: 8 }}>
                <Col span={8}>
                  <Statistic title={t('dailyReports.counts.followups')} value={report.counts.followups} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('dailyReports.counts.tasksDone')} value={report.counts.tasksDone} />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('dailyReports.counts.opportunitiesMoved')}
                    value={report.counts.opportunitiesMoved}
                  />
                </Col>
              </Row>
              <ReportActivity activity={report.activity} />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
