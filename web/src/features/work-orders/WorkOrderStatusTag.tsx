import type { WorkOrderStatus } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<WorkOrderStatus, string> = {
  new: 'default',
  dispatched: 'blue',
  accepted: 'geekblue',
  on_site: 'orange',
  completed: 'green',
  cancelled: 'default',
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`workOrders.statuses.${status}`)}</Tag>;
}
