import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The count under a list. A long list is counted only up to a cap on the server (`totalCapped`): it
 * reads "more than 10 000", with a link that asks for the exact count when the page offers one.
 */
export function ListTotal({
  total,
  capped,
  onCountExactly,
}: {
  total: number;
  capped?: boolean;
  onCountExactly?: () => void;
}) {
  const { t } = useTranslation();
  if (!capped) return <>{t('common.total', { count: total })}</>;
  return (
    <Space size={4}>
      {t('common.totalAtLeast', { count: total })}
      {onCountExactly && <Typography.Link onClick={onCountExactly}>{t('common.countExactly')}</Typography.Link>}
    </Space>
  );
}
