import type { CallList } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<CallList['status'], string> = { active: 'green', paused: 'orange', closed: 'default' };

export function CallListStatusTag({ status }: { status: CallList['status'] }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`callLists.statuses.${status}`)}</Tag>;
}

/** A list's progress: entries closed (done, given up or skipped) of all its entries. */
export function progressOf(list: CallList): { finished: number; total: number; percent: number } {
  const finished = list.counts.done + list.counts.exhausted + list.counts.skipped;
  const total = list.counts.entries;
  return { finished, total, percent: total ? Math.round((finished / total) * 100) : 0 };
}
