import type { Survey, SurveyReport } from '@relate/common';
import { Card, DatePicker, Drawer, Empty, List, Progress, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSurveyReport } from './queries';

type Question = SurveyReport['questions'][number];

/** How many answered each choice, as bars. */
function Distribution({ question }: { question: Question }) {
  const keys =
    question.kind === 'rating'
      ? ['5', '4', '3', '2', '1']
      : question.kind === 'nps'
        ? Array.from({ length: 11 }, (_, i) => String(10 - i))
        : Object.keys(question.counts).sort((a, b) => question.counts[b] - question.counts[a]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={2}>
      {keys.map((key) => (
        <div key={key} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <span style={{ width: 96, flexShrink: 0, textAlign: 'right' }}>
            {question.kind === 'rating' ? '★'.repeat(Number(key)) : key}
          </span>
          <Progress
            percent={question.responses ? Math.round(((question.counts[key] ?? 0) * 100) / question.responses) : 0}
            format={() => question.counts[key] ?? 0}
            style={{ flex: 1, margin: 0 }}
          />
        </div>
      ))}
    </Space>
  );
}

/** A survey's results in a period: response rate, CSAT, NPS, counts per answer and the latest comments. */
export function SurveyReportDrawer({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs] | null>(null);
  const query = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const report = useSurveyReport(survey?.id, query);
  const data = report.data;
  return (
    <Drawer
      open={survey !== null}
      onClose={onClose}
      title={t('surveys.resultsOf', { name: survey?.name ?? '' })}
      size={760}
      loading={report.isLoading}
      destroyOnHidden
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          allowClear
        />
        {data && (
          <>
            <Space size="large" wrap data-testid="survey-summary">
              <Statistic title={t('surveys.sent')} value={data.sent} />
              <Statistic title={t('surveys.answered')} value={data.answered} />
              <Statistic title={t('surveys.responseRate')} value={data.responseRate} suffix="%" />
            </Space>
            {data.questions.map((q) => (
              <Card
                key={q.key}
                size="small"
                title={q.label}
                extra={
                  <Typography.Text type="secondary">{t('surveys.responses', { count: q.responses })}</Typography.Text>
                }
                data-testid={`survey-result-${q.key}`}
              >
                {q.kind === 'rating' || q.kind === 'nps' ? (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space size="large">
                      <Statistic title={t('surveys.average')} value={q.average ?? '-'} />
                      <Statistic
                        title={q.kind === 'rating' ? 'CSAT' : 'NPS'}
                        value={q.score ?? '-'}
                        suffix={q.kind === 'rating' && q.score ? '%' : undefined}
                      />
                    </Space>
                    <Distribution question={q} />
                  </Space>
                ) : q.kind === 'text' ? (
                  <List
                    size="small"
                    dataSource={q.texts}
                    locale={{ emptyText: <Empty description={t('surveys.noAnswers')} /> }}
                    renderItem={(a) => (
                      <List.Item>
                        <List.Item.Meta
                          title={a.text}
                          description={`${a.contactName ?? '-'} · ${dayjs(a.answeredAt).format('YYYY-MM-DD HH:mm')}`}
                        />
                      </List.Item>
                    )}
                  />
                ) : q.responses ? (
                  <Distribution question={q} />
                ) : (
                  <Empty description={t('surveys.noAnswers')} />
                )}
              </Card>
            ))}
          </>
        )}
      </Space>
    </Drawer>
  );
}
