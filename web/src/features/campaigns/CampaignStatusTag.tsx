import type { CampaignStatus } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<CampaignStatus, string> = {
  planned: 'default',
  active: 'processing',
  completed: 'success',
  cancelled: 'error',
};

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`campaigns.statuses.${status}`)}</Tag>;
}
