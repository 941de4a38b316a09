import type { RecordRef } from '@relate/common';

/**
 * How a record is named in timelines and activity feeds: a deleted one keeps its name but has no page (a kind
 * that is never deleted, only cancelled, has no `deletedAt`).
 */
export function recordRef(
  entity: string,
  row: { id: number; deletedAt?: string | null },
  name: Pick<RecordRef, 'number' | 'title'>,
  url: string | null,
): RecordRef {
  const deleted = Boolean(row.deletedAt);
  return { entity, id: row.id, ...name, url: deleted ? null : url, deleted };
}
