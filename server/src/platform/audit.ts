import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { writeJson } from '../db/json.ts';
import { nowIso } from '../db/time.ts';
import type { AuditActor } from './actor.ts';
import { emitAuditEvents } from './events.ts';

export type FieldChange = { field: string; old: unknown; new: unknown };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: number | null;
  changes?: FieldChange[];
  detail?: Record<string, unknown>;
};

/** Writes one audit row; call inside the same transaction as the change it records. */
export async function writeAudit(db: Kysely<DB>, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await writeAuditMany(db, actor, [entry]);
}

export async function writeAuditMany(db: Kysely<DB>, actor: AuditActor | null, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const createdAt = nowIso();
  const rows = entries.map((entry) => ({
    createdAt,
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    ip: actor?.ip ?? null,
    userAgent: actor?.userAgent ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    changes: entry.changes?.length ? writeJson(entry.changes) : null,
    detail: entry.detail ? writeJson(entry.detail) : null,
  }));
  await insertRows(db, 'auditLogs', rows);
  // The change's webhook deliveries, in its transaction (an outbox: see events.ts).
  await emitAuditEvents(db, entries);
}

/** The fields whose values differ between two versions of a record. */
export function diffFields(before: object, after: object, fields: readonly string[]): FieldChange[] {
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!(field in next)) continue;
    const oldValue = old[field] ?? null;
    const newValue = next[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) {
      changes.push({ field, old: oldValue, new: newValue });
    }
  }
  return changes;
}
