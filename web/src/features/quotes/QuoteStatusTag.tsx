import type { Quote } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColors } from './queries';

export function QuoteStatusTag({ status }: { status: Quote['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`quotes.statuses.${status}`)}</Tag>;
}
