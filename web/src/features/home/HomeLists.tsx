import type { Home } from '@relate/common';
import { Empty, List, Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../components/money';
import { useStageLabel } from '../opportunities/StageLabel';

type HomeTicket = NonNullable<Home['myQueue']>['items'][number];
type HomeWorkOrder = NonNullable<Home['myWorkOrders']>['items'][number];

export function percent(actual: number, target: string | null) {
  return target && Number(target) > 0 ? Math.min(100, Math.round((actual / Number(target)) * 100)) : undefined;
}

export type Row = { key: string | number; title: ReactNode; meta?: ReactNode; tags?: ReactNode };

/** A short list of records: a link each, what tells them apart, and the total when there are more. */
export function ShortList({ rows, total, empty }: { rows: Row[]; total?: number; empty: string }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      dataSource={rows}
      footer={
        total !== undefined && total > rows.length ? (
          <Typography.Text type="secondary">{t('homeSections.total', { count: total })}</Typography.Text>
        ) : undefined
      }
      renderItem={(row) => (
        <List.Item>
          <Space wrap size={[8, 2]} style={{ minWidth: 0 }}>
            {row.title}
            {row.meta && <Typography.Text type="secondary">{row.meta}</Typography.Text>}
            {row.tags}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function FunnelBars({ funnel }: { funnel: Home['funnel'] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const stageLabel = useStageLabel();
  const max = Math.max(1, ...funnel.map((f) => f.count));
  if (!funnel.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homeSections.empty.pipeline')} />;
  return funnel.map((stage) => (
    <div key={stage.stageCode} style={{ marginBottom: 8 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <span>
          {stageLabel(stage.stageCode)} · {stage.count}
        </span>
        <span style={{ whiteSpace: 'nowrap' }}>{money(stage.amount)}</span>
      </Space>
      <Progress percent={Math.round((stage.count / max) * 100)} showInfo={false} size="small" />
    </div>
  ));
}

export function useTicketRows() {
  const { t } = useTranslation();
  return (items: HomeTicket[]): Row[] =>
    items.map((ticket) => ({
      key: ticket.id,
      title: (
        <Link to={`/tickets/${ticket.id}`}>
          {ticket.number} · {ticket.subject}
        </Link>
      ),
      meta: [ticket.customerName, ticket.assigneeName ?? t('homeSections.unassigned')].filter(Boolean).join(' · '),
      tags: (
        <>
          {(ticket.priority === 'urgent' || ticket.priority === 'high') && (
            <Tag color="orange">{t(`tickets.priorities.${ticket.priority}`)}</Tag>
          )}
          {ticket.sla === 'breached' && <Tag color="red">{t('homeSections.breached')}</Tag>}
          {ticket.sla === 'near' && <Tag color="gold">{t('homeSections.near')}</Tag>}
          {ticket.resolutionDue && ticket.sla && (
            <Typography.Text type={ticket.sla === 'breached' ? 'danger' : 'warning'}>
              {t('homeSections.resolutionDue', { time: dayjs(ticket.resolutionDue).format('MM-DD HH:mm') })}
            </Typography.Text>
          )}
        </>
      ),
    }));
}

export function useWorkOrderRows() {
  const { t } = useTranslation();
  return (items: HomeWorkOrder[]): Row[] =>
    items.map((wo) => ({
      key: wo.id,
      title: (
        <Link to={`/tickets/${wo.ticketId}`}>
          {dayjs(wo.appointmentStart).format('MM-DD HH:mm')} · {wo.customerName ?? wo.ticketSubject}
        </Link>
      ),
      meta: [wo.number, wo.address, wo.technicianName].filter(Boolean).join(' · '),
      tags: <Tag>{t(`workOrders.statuses.${wo.status}`)}</Tag>,
    }));
}
