import type { OrderStatus } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<OrderStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  partially_delivered: 'cyan',
  delivered: 'geekblue',
  completed: 'green',
  cancelled: 'default',
  terminated: 'red',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`orders.statuses.${status}`)}</Tag>;
}
