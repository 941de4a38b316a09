import type { Ticket, TicketPriority, TicketStatus } from '@relate/common';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';

dayjs.extend(relativeTime);

const statusColors: Record<TicketStatus, string> = {
  new: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  waiting: 'gold',
  resolved: 'green',
  callback: 'cyan',
  closed: 'default',
  reopened: 'magenta',
};
const priorityColors: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`tickets.statuses.${status}`)}</Tag>;
}

export function TicketPriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return <Tag color={priorityColors[priority]}>{t(`tickets.priorities.${priority}`)}</Tag>;
}

/** The next SLA deadline as a countdown: red once passed or breached, paused while waiting for the customer. */
export function SlaCountdown({
  ticket,
}: {
  ticket: Pick<
    Ticket,
    | 'firstResponseDue'
    | 'resolutionDue'
    | 'firstRespondedAt'
    | 'resolvedAt'
    | 'pausedAt'
    | 'firstResponseBreached'
    | 'resolutionBreached'
  >;
}) {
  const { t } = useTranslation();
  if (ticket.resolvedAt)
    return ticket.resolutionBreached ? (
      <Tag color="red">{t('tickets.sla.breached')}</Tag>
    ) : (
      <Tag color="green">{t('tickets.sla.met')}</Tag>
    );
  if (ticket.pausedAt) return <Tag>{t('tickets.sla.paused')}</Tag>;
  const responding = !ticket.firstRespondedAt && ticket.firstResponseDue;
  const due = responding ? ticket.firstResponseDue : ticket.resolutionDue;
  if (!due) return <Typography.Text type="secondary">-</Typography.Text>;
  const late =
    dayjs(due).isBefore(dayjs()) || Boolean(responding ? ticket.firstResponseBreached : ticket.resolutionBreached);
  return (
    <Tooltip
      title={`${t(responding ? 'tickets.sla.firstResponse' : 'tickets.sla.resolution')} ${dayjs(due).format('YYYY-MM-DD HH:mm')}`}
    >
      <Typography.Text type={late ? 'danger' : undefined} data-testid="sla-countdown">
        {t(responding ? 'tickets.sla.respondIn' : 'tickets.sla.resolveIn', { when: dayjs(due).fromNow() })}
      </Typography.Text>
    </Tooltip>
  );
}
