import { EditOutlined } from '@ant-design/icons';
import type { Followup, NamedAuditLog, Task, TimelineKind } from '@relate/common';
import { Button, Empty, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { RecordEntry } from '../../components/RecordName';
import { FollowupCard } from '../followups/FollowupCard';
import { FollowupForm } from '../followups/FollowupForm';
import { ComposeEmailButton } from '../mailboxes/ComposeEmail';
import { CallEntry } from '../calls/CallEntry';
import { EmailEntry } from '../mailboxes/EmailEntry';
import { SmsEntry } from '../sms/SmsEntry';
import { useCustomerTimeline } from './queries';

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (Array.isArray(value)) return value.join(', ') || '∅';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A change: "新建工单 T20261205-0003 · 打印机卡纸" (the record a link to its page), who and when, and the fields changed. */
function ChangeEntry({ entry }: { entry: NamedAuditLog }) {
  const { t } = useTranslation();
  return (
    <div data-testid="timeline-change">
      <Typography.Text strong>
        <RecordEntry action={entry.action} entity={entry.entity} record={entry.record} />
      </Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {entry.userDisplayName ?? entry.username ?? '-'} · {dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
      {entry.changes?.map((change) => (
        <div key={change.field} style={{ fontSize: 13 }}>
          {t(`customers.fields.${change.field}`, { defaultValue: change.field })}: {describeValue(change.old)} →{' '}
          {describeValue(change.new)}
        </div>
      ))}
    </div>
  );
}

function TaskEntry({ task }: { task: Task }) {
  const { t } = useTranslation();
  const overdue = task.status === 'open' && dayjs(task.dueAt).isBefore(dayjs());
  return (
    <div data-testid="timeline-task">
      <Space wrap size={4}>
        <Tag color={task.status === 'done' ? 'green' : overdue ? 'red' : 'blue'}>
          {t(`tasks.statuses.${task.status}`)}
        </Tag>
        <Typography.Text strong>{task.subject}</Typography.Text>
        <Typography.Text type={overdue ? 'danger' : 'secondary'}>
          {t('tasks.fields.dueAt')} {dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')} · {task.assigneeName ?? '-'}
        </Typography.Text>
      </Space>
    </div>
  );
}

/** Loads the next page when the end of the list scrolls into view. */
function useLoadOnView(load: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!enabled || !ref.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), {
      rootMargin: '200px',
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [load, enabled]);
  return ref;
}

/** Everything that happened with a customer — follow-ups and changes — newest first, loaded page by page. */
export function TimelineTab({ customerId, email }: { customerId: number; email?: string | null }) {
  const { t } = useTranslation();
  const { can, info } = useSession();
  const [kind, setKind] = useState<'all' | TimelineKind>('all');
  const [editing, setEditing] = useState<Followup | undefined>();
  const query = useCustomerTimeline(customerId, kind);
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  const sentinel = useLoadOnView(() => void query.fetchNextPage(), query.hasNextPage && !query.isFetchingNextPage);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={kind}
          onChange={(value) => setKind(value as typeof kind)}
          options={[
            { value: 'all', label: t('timeline.all') },
            { value: 'followup', label: t('timeline.followups') },
            { value: 'task', label: t('timeline.tasks') },
            { value: 'change', label: t('timeline.changes') },
            { value: 'email', label: t('timeline.emails') },
            { value: 'sms', label: t('timeline.sms') },
            { value: 'call', label: t('timeline.calls') },
          ]}
        />
        <ComposeEmailButton defaults={{ to: email ? [email] : [], record: { entity: 'customers', id: customerId } }} />
      </Space>
      {!query.isLoading && !entries.length ? (
        <Empty description={t('customers.noHistory')} />
      ) : (
        <Timeline
          items={entries.map((entry) => ({
            key: `${entry.kind}-${entry.id}`,
            color:
              entry.kind === 'followup'
                ? 'green'
                : entry.kind === 'task'
                  ? 'blue'
                  : entry.kind === 'email'
                    ? 'cyan'
                    : entry.kind === 'sms' || entry.kind === 'call'
                      ? 'purple'
                      : 'gray',
            children:
              entry.kind === 'followup' ? (
                <FollowupCard
                  followup={entry.followup}
                  actions={
                    can('followups.edit') && entry.followup.ownerId === info?.user.id ? (
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(entry.followup)}
                      />
                    ) : null
                  }
                />
              ) : entry.kind === 'task' ? (
                <TaskEntry task={entry.task} />
              ) : entry.kind === 'email' ? (
                <EmailEntry email={entry.email} />
              ) : entry.kind === 'sms' ? (
                <SmsEntry sms={entry.sms} />
              ) : entry.kind === 'call' ? (
                <CallEntry call={entry.call} />
              ) : (
                <ChangeEntry entry={entry.change} />
              ),
          }))}
        />
      )}
      <div ref={sentinel} />
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <FollowupForm
        parent={{ customerId }}
        followup={editing}
        open={Boolean(editing)}
        onClose={() => setEditing(undefined)}
      />
    </Space>
  );
}
