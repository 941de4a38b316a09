import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<string, string> = {
  new: 'blue',
  contacting: 'gold',
  qualified: 'green',
  disqualified: 'default',
  converted: 'purple',
};

export function LeadStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`leads.statuses.${status}`)}</Tag>;
}
