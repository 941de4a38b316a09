import { PlusOutlined } from '@ant-design/icons';
import type { Survey } from '@relate/common';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDeleteSurvey, useSurveys } from './queries';
import { SurveyEditor } from './SurveyEditor';
import { SurveyReportDrawer } from './SurveyReportDrawer';
import { SurveySendDialog } from './SurveySendDialog';
import { usePageTitle } from '../../components/usePageTitle';

/** Satisfaction surveys: write them, send them, read their results. */
export function SurveysPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.surveys'));
  const { message } = App.useApp();
  const { can } = useSession();
  const list = useSurveys();
  const deleteSurvey = useDeleteSurvey();
  const [editing, setEditing] = useState<{ open: boolean; survey?: Survey }>({ open: false });
  const [sending, setSending] = useState<Survey | null>(null);
  const [reading, setReading] = useState<Survey | null>(null);
  const remove = async (id: number) => {
    try {
      await deleteSurvey.mutateAsync(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const manage = can('surveys.manage');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.surveys')}
        </Typography.Title>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ open: true })}
            data-testid="survey-new"
          >
            {t('surveys.new')}
          </Button>
        )}
      </div>
      <Table<Survey>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('surveys.empty')} /> }}
        columns={[
          {
            title: t('surveys.fields.name'),
            dataIndex: 'name',
            render: (name, row) => <a onClick={() => setReading(row)}>{name}</a>,
          },
          {
            title: t('surveys.fields.questions'),
            dataIndex: 'questions',
            render: (q: Survey['questions']) => q.length,
          },
          {
            title: t('surveys.fields.active'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('surveys.on')}</Tag> : <Tag>{t('surveys.off')}</Tag>,
          },
          { title: t('surveys.sent'), dataIndex: 'sent', align: 'right' },
          { title: t('surveys.answered'), dataIndex: 'answered', align: 'right' },
          {
            title: t('customers.fields.updatedAt'),
            dataIndex: 'updatedAt',
            responsive: ['md'],
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setReading(row)}>
                  {t('surveys.results')}
                </Button>
                {manage && row.active && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setSending(row)}
                    data-testid={`survey-send-${row.id}`}
                  >
                    {t('surveys.send')}
                  </Button>
                )}
                {manage && (
                  <Button type="link" size="small" onClick={() => setEditing({ open: true, survey: row })}>
                    {t('common.edit')}
                  </Button>
                )}
                {manage && (
                  <Popconfirm
                    title={t('common.deleteConfirm')}
                    description={t('surveys.deleteHint')}
                    onConfirm={() => void remove(row.id)}
                  >
                    <Button type="link" size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <SurveyEditor open={editing.open} survey={editing.survey} onClose={() => setEditing({ open: false })} />
      <SurveySendDialog survey={sending} onClose={() => setSending(null)} />
      <SurveyReportDrawer survey={reading} onClose={() => setReading(null)} />
    </Space>
  );
}
