import type { NamedAuditLog } from '@relate/common';

/** Entries in a row by the same user doing the same to the same kind of record, shown as one line. */
export type ActivityGroup = { key: string; entries: NamedAuditLog[] };

/** Collapses consecutive entries of the same user, action and kind ("张三 changed 5 customers"), keeping their order. */
export function groupActivity(entries: readonly NamedAuditLog[]): ActivityGroup[] {
  const groups: ActivityGroup[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1]?.entries[0];
    if (last && last.userId === entry.userId && last.action === entry.action && last.entity === entry.entity)
      groups[groups.length - 1]!.entries.push(entry);
    else groups.push({ key: String(entry.id), entries: [entry] });
  }
  return groups;
}
