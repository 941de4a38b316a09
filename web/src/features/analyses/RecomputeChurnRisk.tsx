import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecomputeChurnRisk } from './queries';

/** Computes churn risk now after a confirmation; a failure is handed to `onError` to show on the page. */
export function RecomputeChurnRisk({ onError }: { onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const recompute = useRecomputeChurnRisk();
  const start = () => {
    onError(null);
    return recompute.mutateAsync().then(
      (done) => void message.success(t('insight.churnRecomputed', { count: done.orderRhythm })),
      (error: Error) => onError(error.message),
    );
  };
  return (
    <Popconfirm
      title={t('churnRisk.recomputeConfirm')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onConfirm={start}
    >
      <Button type="primary" icon={<ReloadOutlined />} loading={recompute.isPending}>
        {t('churnRisk.recompute')}
      </Button>
    </Popconfirm>
  );
}
