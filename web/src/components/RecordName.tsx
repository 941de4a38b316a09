import type { RecordRef } from '@relate/common';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The name of a record kind, one ("ticket") or several ("tickets"); kinds without their own word read as in the audit log. */
export function useRecordKind() {
  const { t } = useTranslation();
  return (entity: string, plural = false) =>
    t(`timeline.${plural ? 'records' : 'record'}.${entity}`, {
      defaultValue: t(`audit.entities.${entity}`, { defaultValue: entity }),
    });
}

/** "T20261205-0003 · 打印机卡纸": a record's number and title, whichever it has. */
export function recordName(record: Pick<RecordRef, 'id' | 'number' | 'title'>): string {
  return [record.number, record.title].filter(Boolean).join(' · ') || `#${record.id}`;
}

/**
 * What was done to which record: "新建工单 T20261205-0003 · 打印机卡纸", the record's name a link to its page.
 * A deleted record keeps its name, marked deleted, without a link; without a record, the kind alone.
 */
export function RecordEntry({ action, entity, record }: { action: string; entity: string; record: RecordRef | null }) {
  const { t } = useTranslation();
  const kind = useRecordKind();
  const what = t('timeline.entry', {
    action: t(`audit.actions.${action}`, { defaultValue: action }),
    kind: kind(entity),
  });
  if (!record) return <span>{what}</span>;
  const name = recordName(record);
  return (
    <span data-testid="record-entry">
      {what}{' '}
      {record.url ? (
        <Link to={record.url}>{name}</Link>
      ) : (
        <Typography.Text delete={record.deleted}>{name}</Typography.Text>
      )}
      {record.deleted && <Typography.Text type="secondary"> ({t('timeline.deleted')})</Typography.Text>}
    </span>
  );
}
