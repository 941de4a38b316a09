import type { Kysely } from 'kysely';
import { insertRows } from '../db/bulk-insert.ts';
import { readJson, writeJson } from '../db/json.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import type { AuditEntry } from './audit.ts';

/**
 * Events for outgoing webhooks, written as an outbox. Every business write leaves an audit row in
 * the transaction of the change (DESIGN.md), so the audit writer is the one place records change:
 * it hands its entries here, and a delivery row is inserted for each enabled webhook subscribed to
 * the event — in that same transaction. A rolled-back change leaves no delivery; a committed one
 * cannot lose its delivery. The sending is the `webhooks.deliver` job's (modules/webhooks).
 */

/** The audit entity of each record kind a webhook may subscribe to, and its event prefix. */
const eventEntities: Record<string, string> = {
  customers: 'customer',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
  orders: 'order',
  receipts: 'payment',
  tickets: 'ticket',
};

/** Audit actions that move a record to another status; everything else done to a record is an update. */
const statusActions = new Set(['status_change', 'stage_change', 'confirm', 'convert', 'cancel', 'deliver', 'submit']);

/** The event an audit entry stands for, if any. */
export function eventOfAudit(entry: AuditEntry): string | null {
  const prefix = eventEntities[entry.entity];
  if (!prefix || !entry.entityId) return null;
  if (entry.action === 'create') return `${prefix}.created`;
  if (entry.action === 'delete' || entry.action === 'merged_into') return `${prefix}.deleted`;
  if (statusActions.has(entry.action)) return `${prefix}.status_changed`;
  return `${prefix}.updated`;
}

export type RaisedEvent = {
  type: string;
  entity: string;
  id: number;
  /** What the moment said (the SLA step missed, the approval step waiting …); the record is read when sent. */
  detail?: Record<string, unknown>;
};

type Subscriber = { id: number; events: Set<string> };

async function subscribers(db: Kysely<DB>): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('enabled', '=', 1)
    .where('deletedAt', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, events: new Set(readJson<string[]>(r.events, [])) }));
}

/**
 * Queues the events for every webhook subscribed to them, on `db` — the change's own transaction.
 * Cheap when nobody listens: one read of the (small) webhooks table.
 */
export async function emitEvents(db: Kysely<DB>, events: RaisedEvent[]): Promise<void> {
  if (!events.length) return;
  const hooks = await subscribers(db);
  if (!hooks.length) return;
  const createdAt = nowIso();
  const rows = [];
  for (const event of events) {
    for (const hook of hooks) {
      if (!hook.events.has(event.type)) continue;
      rows.push({
        webhookId: hook.id,
        event: event.type,
        entity: event.entity,
        recordId: event.id,
        payload: writeJson(event.detail ?? {}),
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: createdAt,
        lockedAt: null,
        createdAt,
      });
    }
  }
  if (!rows.length) return;
  await insertRows(db, 'webhookDeliveries', rows);
  await kickDelivery(db, createdAt);
}

/** One event, raised where it happens (an SLA breached, an approval waiting). */
export function emitEvent(db: Kysely<DB>, event: RaisedEvent): Promise<void> {
  return emitEvents(db, [event]);
}

/**
 * Asks the job runner to send soon rather than at the next minute's sweep: one run per ten seconds
 * however many changes (its dedupe key), itself part of the transaction.
 */
export async function kickDelivery(db: Kysely<DB>, at: string): Promise<void> {
  const slot = new Date(Math.ceil(Date.parse(at) / 10_000) * 10_000).toISOString();
  await db
    .insertInto('scheduledJobs')
    .values({
      kind: 'webhooks.deliver',
      runAt: slot,
      payload: writeJson({}),
      status: 'pending',
      dedupeKey: `webhooks.deliver@${slot}`,
      attempts: 0,
      createdAt: at,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute();
}

/** The events of audit entries (see eventOfAudit), plus a VIP ticket opened when someone listens for it. */
export async function emitAuditEvents(db: Kysely<DB>, entries: AuditEntry[]): Promise<void> {
  const events: RaisedEvent[] = [];
  for (const entry of entries) {
    const type = eventOfAudit(entry);
    if (type) events.push({ type, entity: entry.entity, id: entry.entityId! });
    if (type === 'opportunity.status_changed' && entry.detail?.status === 'won')
      events.push({ type: 'opportunity.won', entity: 'opportunities', id: entry.entityId! });
  }
  if (!events.length) return;
  const opened = events.filter((e) => e.type === 'ticket.created').map((e) => e.id);
  if (opened.length) {
    const hooks = await subscribers(db);
    if (hooks.some((h) => h.events.has('ticket.vip_opened')))
      for (const id of await vipTickets(db, opened)) events.push({ type: 'ticket.vip_opened', entity: 'tickets', id });
  }
  await emitEvents(db, events);
}

/** Of the tickets, those of a customer at the top level of the customer_level dictionary (its first enabled option). */
async function vipTickets(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  const top = await db
    .selectFrom('dictionaryOptions')
    .select('code')
    .where('type', '=', 'customer_level')
    .where('enabled', '=', 1)
    .orderBy('sortOrder')
    .orderBy('id')
    .executeTakeFirst();
  if (!top) return [];
  const rows = await db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.customerId')
    .select('tickets.id')
    .where('tickets.id', 'in', ids)
    .where('customers.level', '=', top.code)
    .execute();
  return rows.map((r) => r.id);
}
