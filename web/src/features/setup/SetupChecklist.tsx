import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import type { SetupStep } from '@relate/common';
import { Button, Card, List, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useSetupChecklist, useUpdateSetupChecklist } from './queries';

const stepPages: Record<SetupStep, string> = {
  company: '/admin/settings',
  departments: '/admin/departments',
  users: '/admin/users',
  dictionaries: '/admin/dictionaries',
  slaPolicy: '/admin/service',
  mailServer: '/admin/settings',
};

/**
 * The administrator's first steps on a new install, each linking to its page and ticked once done; it
 * stays on the home page until every step is done or the administrator hides it.
 */
export function SetupChecklist() {
  const { t } = useTranslation();
  const { can } = useSession();
  const checklist = useSetupChecklist(can('settings.manage'));
  const update = useUpdateSetupChecklist();
  const data = checklist.data;
  if (!data || data.dismissed || data.steps.every((step) => step.done)) return null;
  const doneCount = data.steps.filter((step) => step.done).length;
  return (
    <Card
      data-testid="setup-checklist"
      title={t('setup.title')}
      extra={
        <Button type="link" onClick={() => update.mutate({ dismissed: true })}>
          {t('setup.hide')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Progress
          percent={Math.round((doneCount / data.steps.length) * 100)}
          format={() => t('setup.progress', { done: doneCount, total: data.steps.length })}
        />
        <List
          size="small"
          dataSource={data.steps}
          renderItem={(step) => (
            <List.Item
              data-testid={`setup-step-${step.key}`}
              data-done={step.done}
              actions={[
                step.key === 'dictionaries' && !step.done && (
                  <Button
                    key="confirm"
                    size="small"
                    onClick={() => update.mutate({ confirmed: ['dictionaries'] })}
                    loading={update.isPending}
                  >
                    {t('setup.markDone')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <Space>
                {step.done ? (
                  <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('setup.done')} />
                ) : (
                  <ClockCircleOutlined style={{ color: '#bfbfbf' }} aria-label={t('setup.todo')} />
                )}
                <Link to={stepPages[step.key]}>{t(`setup.steps.${step.key}.title`)}</Link>
                <Typography.Text type="secondary">{t(`setup.steps.${step.key}.hint`)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
