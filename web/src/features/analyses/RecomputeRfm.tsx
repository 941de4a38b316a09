import { ReloadOutlined } from '@ant-design/icons';
import type { RfmRun } from '@relate/common';
import { App, Button, InputNumber, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecomputeRfm } from './queries';

const defaultWindowDays = 365;

/**
 * Computes customer value now over a window of days (the last run's unless changed), after a
 * confirmation; a failure is handed to `onError` to show beside the figures.
 */
export function RecomputeRfm({ run, onError }: { run: RfmRun | null; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const recompute = useRecomputeRfm();
  const [chosen, setChosen] = useState<number | null>(null);
  const windowDays = chosen ?? run?.windowDays ?? defaultWindowDays;
  const start = () => {
    onError(null);
    return recompute.mutateAsync({ windowDays }).then(
      (done) => void message.success(t('customerValue.recomputed', { count: done.customers })),
      (error: Error) => onError(error.message),
    );
  };
  return (
    <Space wrap>
      <InputNumber
        min={30}
        max={3650}
        precision={0}
        value={windowDays}
        onChange={(value) => setChosen(value)}
        addonBefore={t('customerValue.windowDays')}
        addonAfter={t('customerValue.days')}
        aria-label={t('customerValue.windowDays')}
        style={{ width: 200 }}
      />
      <Popconfirm
        title={t('customerValue.recomputeConfirm', { days: windowDays })}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onConfirm={start}
      >
        <Button type="primary" icon={<ReloadOutlined />} loading={recompute.isPending}>
          {t('customerValue.recompute')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
