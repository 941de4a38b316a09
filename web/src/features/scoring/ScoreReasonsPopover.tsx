import type { ScoreReason } from '@relate/common';
import { Button, Empty, Popover, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScoreReasons } from './queries';

/** A record's score, opening the reasons behind it per score group (rule, points, date). */
export function ScoreWithReasons({ entity, id, score }: { entity: 'leads' | 'contacts'; id: number; score: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data, isLoading } = useScoreReasons(entity, id, open);
  const reasonText = (r: ScoreReason) =>
    r.kind === 'manual'
      ? t('scoring.manual')
      : r.ruleId === null && r.event
        ? t(`scoring.events.${r.event}`)
        : r.reason;
  const content = (
    <div style={{ maxWidth: 520 }} data-testid="score-reasons">
      {isLoading && <Spin />}
      {data?.groups.map((group) => (
        <div key={group.groupId} style={{ marginBottom: 12 }}>
          <Space style={{ marginBottom: 4 }}>
            <Typography.Text strong>{group.name}</Typography.Text>
            {group.isDefault && <Tag color="blue">{t('scoring.default')}</Tag>}
            <Typography.Text>{t('scoring.total', { total: group.total })}</Typography.Text>
          </Space>
          {group.reasons.length ? (
            <Table<ScoreReason>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={group.reasons}
              columns={[
                { title: t('scoring.reason'), render: (_, r) => reasonText(r) },
                {
                  title: t('scoring.points'),
                  render: (_, r) =>
                    r.currentPoints === r.points
                      ? r.points
                      : t('scoring.decayedPoints', { current: r.currentPoints, points: r.points }),
                },
                { title: t('scoring.at'), render: (_, r) => dayjs(r.occurredAt).format('YYYY-MM-DD') },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scoring.noReasons')} />
          )}
        </div>
      ))}
    </div>
  );
  return (
    <Popover content={content} title={t('scoring.reasons')} trigger="click" open={open} onOpenChange={setOpen}>
      <Button type="link" size="small" style={{ padding: 0 }} data-testid="score-value">
        {score}
      </Button>
    </Popover>
  );
}
