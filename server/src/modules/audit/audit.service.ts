import type { AuditLog, AuditQuery, Page } from '@relate/common';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson } from '../../db/json.ts';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './audit.repository.ts';

function toAuditLog(row: Selectable<AuditLogTable>): AuditLog {
  return { ...row, changes: readJson(row.changes, null), detail: readJson(row.detail, null) };
}

export async function listAuditLogs(db: Kysely<DB>, query: z.output<typeof AuditQuery>): Promise<Page<AuditLog>> {
  const settings = await getSettings(db);
  const { rows, total } = await repo.listAuditLogs(
    db,
    {
      entity: query.entity,
      entityId: query.entityId,
      userId: query.userId,
      action: query.action,
      createdFrom: query.from ? dayStart(query.from, settings.timezone) : undefined,
      createdTo: query.to ? dayEnd(query.to, settings.timezone) : undefined,
      q: query.q,
    },
    query,
  );
  return { items: rows.map(toAuditLog), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Audit rows of one customer, newest first: its own, those of customers merged into it, of its
 * contacts, of its opportunities and of the leads converted into it.
 */
export async function customerChanges(
  db: Kysely<DB>,
  customerId: number,
  limit: number,
  after?: RawBuilder<boolean>,
): Promise<AuditLog[]> {
  return (await repo.customerAuditLogs(db, customerId, limit, after)).map(toAuditLog);
}

/** The audit log's own words for a record: its number (or code) and its name (or title, or subject), if kept. */
export function keptName(detail: Record<string, unknown> | null): { number: string | null; title: string | null } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
  return {
    number: text(detail?.number) ?? text(detail?.code),
    title: text(detail?.name) ?? text(detail?.title) ?? text(detail?.subject),
  };
}

/** The names kept by the purge rows of some records of one kind, gone for good; one query for all the ids. */
export async function purgedNames(
  db: Kysely<DB>,
  entity: string,
  ids: readonly number[],
): Promise<Map<number, { number: string | null; title: string | null }>> {
  const names = new Map<number, { number: string | null; title: string | null }>();
  if (!ids.length) return names;
  for (const row of await repo.purgeDetails(db, entity, ids)) {
    const name = keptName(readJson(row.detail, null));
    if (row.entityId !== null && (name.number || name.title)) names.set(row.entityId, name);
  }
  return names;
}
