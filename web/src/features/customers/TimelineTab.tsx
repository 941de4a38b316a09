import type { AuditLog } from '@relate/common';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { customerKeys } from './queries';

const pageSize = 30;

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (Array.isArray(value)) return value.join(', ') || '∅';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Everything that happened to a customer, newest first, loaded page by page. */
export function TimelineTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: customerKeys.timeline(customerId),
    queryFn: ({ pageParam }) => api.get<AuditLog[]>(`/api/v1/customers/${customerId}/timeline`, { limit: pageSize, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === pageSize ? last[last.length - 1].id : undefined),
  });
  const entries = query.data?.pages.flat() ?? [];
  if (!query.isLoading && !entries.length) return <Empty description={t('customers.noHistory')} />;
  return (
    <>
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          children: (
            <div>
              <Typography.Text strong>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</Typography.Text>
              {entry.entity === 'contacts' && <Typography.Text type="secondary"> · {t('nav.contacts')}</Typography.Text>}
              <Typography.Text type="secondary">
                {' '}
                · {entry.username ?? '-'} · {dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
              {entry.changes?.map((change) => (
                <div key={change.field} style={{ fontSize: 13 }}>
                  {t(`customers.fields.${change.field}`, { defaultValue: change.field })}: {describeValue(change.old)} → {describeValue(change.new)}
                </div>
              ))}
            </div>
          ),
        }))}
      />
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
