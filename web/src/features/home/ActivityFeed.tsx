import type { NamedAuditLog } from '@relate/common';
import { Button, Empty, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordEntry, useRecordKind } from '../../components/RecordName';
import { groupActivity } from './activity';

/**
 * The latest activity, each entry naming its record as a link; entries in a row by the same user doing the same
 * to the same kind of record read as one line ("张三：修改 5 个客户") that opens to show them.
 */
export function ActivityFeed({ entries }: { entries: NamedAuditLog[] }) {
  const { t } = useTranslation();
  const kind = useRecordKind();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const when = (entry: NamedAuditLog) => (
    <Typography.Text type="secondary">{dayjs(entry.createdAt).format('MM-DD HH:mm')}</Typography.Text>
  );
  return (
    <List
      size="small"
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homeSections.empty.activity')} />,
      }}
      dataSource={groupActivity(entries)}
      renderItem={({ key, entries: group }) => {
        const first = group[0]!;
        if (group.length === 1)
          return (
            <List.Item data-testid="home-activity">
              <Space wrap size={4}>
                {when(first)}
                <span>{first.userDisplayName ?? first.username ?? '-'} ·</span>
                <RecordEntry action={first.action} entity={first.entity} record={first.record} />
              </Space>
            </List.Item>
          );
        return (
          <List.Item data-testid="home-activity">
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                {when(first)}
                <span>
                  {t('timeline.group', {
                    user: first.userDisplayName ?? first.username ?? '-',
                    action: t(`audit.actions.${first.action}`, { defaultValue: first.action }),
                    count: group.length,
                    kinds: kind(first.entity, true),
                  })}
                </span>
                <Button type="link" size="small" onClick={() => toggle(key)} aria-expanded={open.has(key)}>
                  {open.has(key) ? t('timeline.collapse') : t('timeline.expand', { count: group.length })}
                </Button>
              </Space>
              {open.has(key) &&
                group.map((entry) => (
                  <Space key={entry.id} wrap size={4} style={{ paddingLeft: 16 }}>
                    {when(entry)}
                    <RecordEntry action={entry.action} entity={entry.entity} record={entry.record} />
                  </Space>
                ))}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
