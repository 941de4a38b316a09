import type { Call } from '@relate/common';
import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DictionaryTag } from '../../components/dictionaries';
import { callsApi } from './api';

const time = (value: string | null) => (value ? dayjs(value).format('HH:mm:ss') : '-');
export const talkTime = (seconds: number | null) =>
  seconds === null ? '-' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** A call on a timeline: direction, numbers, agent, times, talk time, result, notes and the recording. */
export function CallEntry({ call }: { call: Call }) {
  const { t } = useTranslation();
  return (
    <div data-testid="timeline-call">
      <Space wrap size={4}>
        <Tag color={call.direction === 'inbound' ? 'geekblue' : 'purple'}>{t(`cti.direction.${call.direction}`)}</Tag>
        <Typography.Text strong>
          {call.fromNumber} → {call.toNumber}
        </Typography.Text>
        {call.result && <DictionaryTag type="call_result" code={call.result} />}
        <Typography.Text type="secondary">
          {call.agentName ?? '-'} · {dayjs(call.ringAt).format('YYYY-MM-DD')} {t('cti.ring')} {time(call.ringAt)} ·{' '}
          {call.answerAt ? `${t('cti.answer')} ${time(call.answerAt)}` : t('cti.missed')} · {t('cti.end')}{' '}
          {time(call.endAt)} · {t('cti.talkTime')} {talkTime(call.talkSeconds)}
        </Typography.Text>
      </Space>
      {call.notes && <div style={{ fontSize: 13 }}>{call.notes}</div>}
      {call.hasRecording && (
        <audio
          controls
          preload="none"
          src={callsApi.recordingUrl(call.id)}
          aria-label={t('cti.recording')}
          style={{ display: 'block', marginTop: 4, height: 32 }}
        />
      )}
    </div>
  );
}
