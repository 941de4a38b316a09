import type { DailyActivity } from '@relate/common';
import { Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DictionaryTag } from '../../components/dictionaries';
import { useStageLabel } from '../opportunities/StageLabel';

/** What a day held: follow-ups, tasks done and opportunities moved, each linking to its record. */
export function ReportActivity({ activity }: { activity: DailyActivity }) {
  const { t } = useTranslation();
  const stage = useStageLabel();
  const time = (v: string) => dayjs(v).format('HH:mm');
  const items = [
    ...activity.followups.map((f) => ({
      key: `f${f.id}`,
      at: f.occurredAt,
      node: (
        <span>
          <DictionaryTag type="followup_type" code={f.type} />{' '}
          <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link> {f.content}
        </span>
      ),
    })),
    ...activity.tasksDone.map((task) => ({
      key: `t${task.id}`,
      at: task.completedAt,
      node: <span>{t('dailyReports.taskDone', { subject: task.subject })}</span>,
    })),
    ...activity.opportunitiesMoved.map((o) => ({
      key: `o${o.id}-${o.changedAt}`,
      at: o.changedAt,
      node: (
        <span>
          <Link to={`/opportunities/${o.id}`}>{o.name}</Link> {o.fromStage ? `${stage(o.fromStage)} → ` : ''}
          {stage(o.toStage)}
        </span>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dailyReports.noActivity')} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item key={item.key}>
          <Typography.Text type="secondary" style={{ marginRight: 12 }}>
            {time(item.at)}
          </Typography.Text>
          <span style={{ flex: 1 }}>{item.node}</span>
        </List.Item>
      )}
    />
  );
}
