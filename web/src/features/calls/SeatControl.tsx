import { PhoneOutlined } from '@ant-design/icons';
import type { SeatState } from '@relate/common';
import { App, Badge, Button, Dropdown, Input, Popover, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMySeat, useSetExtension, useSetSeatState } from './queries';

const stateColors: Record<SeatState, 'success' | 'processing' | 'warning' | 'default' | 'error'> = {
  available: 'success',
  on_call: 'processing',
  after_call: 'warning',
  away: 'error',
  offline: 'default',
};
const choosable: SeatState[] = ['available', 'after_call', 'away', 'offline'];

/** The agent's seat in the header: extension and state (available, on a call, after-call work, away, offline), changeable. */
export function SeatControl({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const seat = useMySeat();
  const setState = useSetSeatState();
  const setExtension = useSetExtension();
  const [extension, setExtensionText] = useState('');
  if (!seat.data) return null;
  const { state, extension: current, wrapUpUntil } = seat.data;
  if (!current)
    return (
      <Popover
        trigger="click"
        title={t('cti.setExtension')}
        content={
          <Space.Compact>
            <Input
              value={extension}
              onChange={(e) => setExtensionText(e.target.value)}
              placeholder="8001"
              data-testid="seat-extension-input"
              style={{ width: 120 }}
            />
            <Button
              type="primary"
              data-testid="seat-extension-save"
              loading={setExtension.isPending}
              onClick={() =>
                setExtension.mutate(extension.trim() || null, { onError: (e) => void message.error(e.message) })
              }
            >
              {t('common.save')}
            </Button>
          </Space.Compact>
        }
      >
        <Button type="text" icon={<PhoneOutlined />} data-testid="seat-control">
          {!compact && <Typography.Text type="secondary">{t('cti.noExtension')}</Typography.Text>}
        </Button>
      </Popover>
    );
  const left = state === 'after_call' && wrapUpUntil ? Math.max(0, dayjs(wrapUpUntil).diff(dayjs(), 'second')) : null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: [state],
        items: choosable.map((s) => ({
          key: s,
          label: <Badge status={stateColors[s]} text={t(`cti.states.${s}`)} />,
        })),
        onClick: ({ key }) => setState.mutate(key as SeatState, { onError: (e) => void message.error(e.message) }),
      }}
    >
      <Button type="text" icon={<PhoneOutlined />} data-testid="seat-control" aria-label={t('cti.seat')}>
        <Badge
          status={stateColors[state]}
          text={
            compact
              ? undefined
              : `${current} · ${t(`cti.states.${state}`)}${left !== null ? ` (${t('cti.afterCallLeft', { seconds: left })})` : ''}`
          }
          data-testid="seat-state"
          data-state={state}
        />
      </Button>
    </Dropdown>
  );
}
