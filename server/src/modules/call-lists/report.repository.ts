import { soldOrderStatuses } from '@relate/common';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** A day of the company's calendar as the instants it spans: [start, end). */
export type Day = { day: string; start: string; end: string };
type Period = { start: string; end: string };

/** The days as a table (day, s, e) to join instants to, so one query groups by the company's days. */
function daysTable(dialect: Dialect, days: Day[]) {
  const instant = (value: string) => (dialect === 'postgres' ? sql`cast(${value} as timestamptz)` : sql`${value}`);
  const rows = days.map((d) => sql`select ${d.day} as day, ${instant(d.start)} as s, ${instant(d.end)} as e`);
  return sql<{ day: string; s: string; e: string }>`(${sql.join(rows, sql` union all `)})`.as('d');
}

const instantParam = (dialect: Dialect, value: string) =>
  dialect === 'postgres' ? sql`cast(${value} as timestamptz)` : sql`${value}`;

/** Seconds from one instant column to another. */
function secondsBetween(dialect: Dialect, from: RawBuilder<unknown>, to: RawBuilder<unknown>) {
  return dialect === 'postgres'
    ? sql<number>`extract(epoch from (${to} - ${from}))`
    : sql<number>`((julianday(${to}) - julianday(${from})) * 86400.0)`;
}

/** Calls per agent and day (the calls' data scope): all, outbound, inbound, and the talk time. */
export function callsPerAgentDay(db: Kysely<DB>, dialect: Dialect, scope: Scope, days: Day[]) {
  return whereInScope(
    db
      .selectFrom(daysTable(dialect, days))
      .innerJoin('calls', (join) =>
        join.on(
          sql<boolean>`${sql.ref('calls.ring_at')} >= ${sql.ref('d.s')} and ${sql.ref('calls.ring_at')} < ${sql.ref('d.e')}`,
        ),
      )
      .leftJoin('users', 'users.id', 'calls.ownerId')
      .select([
        sql<string>`${sql.ref('d.day')}`.as('day'),
        'calls.ownerId as agentId',
        sql<string>`max(${sql.ref('users.display_name')})`.as('agentName'),
        sql<number>`count(*)`.as('calls'),
        sql<number>`sum(case when ${sql.ref('calls.direction')} = 'outbound' then 1 else 0 end)`.as('outbound'),
        sql<number>`sum(case when ${sql.ref('calls.direction')} = 'inbound' then 1 else 0 end)`.as('inbound'),
        sql<number>`coalesce(sum(${sql.ref('calls.talk_seconds')}), 0)`.as('talkSeconds'),
      ])
      .where('calls.ownerId', 'is not', null),
    'calls',
    scope,
  )
    .groupBy([sql`${sql.ref('d.day')}`, 'calls.ownerId'])
    .execute();
}

function attemptsInScope(db: Kysely<DB>, scope: Scope) {
  return whereInScope(
    db.selectFrom('callAttempts').innerJoin('callLists', 'callLists.id', 'callAttempts.listId'),
    'call_lists',
    scope,
  ).where('callAttempts.outcome', 'is not', null);
}

/** Call-list attempts per agent and day (the lists' data scope): how many, reached, average talk and wrap-up. */
export function attemptsPerAgentDay(db: Kysely<DB>, dialect: Dialect, scope: Scope, days: Day[]) {
  return whereInScope(
    db
      .selectFrom(daysTable(dialect, days))
      .innerJoin('callAttempts', (join) =>
        join.on(
          sql<boolean>`${sql.ref('call_attempts.outcome_at')} >= ${sql.ref('d.s')} and ${sql.ref('call_attempts.outcome_at')} < ${sql.ref('d.e')}`,
        ),
      )
      .innerJoin('callLists', 'callLists.id', 'callAttempts.listId')
      .leftJoin('users', 'users.id', 'callAttempts.agentId')
      .select([
        sql<string>`${sql.ref('d.day')}`.as('day'),
        'callAttempts.agentId as agentId',
        sql<string>`max(${sql.ref('users.display_name')})`.as('agentName'),
        sql<number>`count(*)`.as('attempts'),
        sql<number>`sum(${sql.ref('call_attempts.reached')})`.as('reached'),
        sql<number | string | null>`avg(${sql.ref('call_attempts.talk_seconds')})`.as('averageTalk'),
        sql<number | string | null>`avg(${sql.ref('call_attempts.wrap_up_seconds')})`.as('averageWrapUp'),
      ])
      .where('callAttempts.outcome', 'is not', null)
      .where('callAttempts.agentId', 'is not', null),
    'call_lists',
    scope,
  )
    .groupBy([sql`${sql.ref('d.day')}`, 'callAttempts.agentId'])
    .execute();
}

const ringInPeriod = (dialect: Dialect, period: Period) =>
  sql<boolean>`${sql.ref('calls.ring_at')} >= ${instantParam(dialect, period.start)} and ${sql.ref('calls.ring_at')} < ${instantParam(dialect, period.end)}`;

/**
 * Calls of the period with an agent (the calls' data scope), per agent (`byAgent`) or over all of them: all,
 * outbound, inbound, talk time.
 */
export function callsPerAgent(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period, byAgent: boolean) {
  const query = whereInScope(db.selectFrom('calls').leftJoin('users', 'users.id', 'calls.ownerId'), 'calls', scope)
    .where('calls.ownerId', 'is not', null)
    .where(ringInPeriod(dialect, period))
    .select([
      (byAgent ? sql<number | null>`${sql.ref('calls.owner_id')}` : sql<number | null>`null`).as('agentId'),
      sql<string | null>`max(${sql.ref('users.display_name')})`.as('agentName'),
      sql<number>`count(*)`.as('calls'),
      sql<number>`coalesce(sum(case when ${sql.ref('calls.direction')} = 'outbound' then 1 else 0 end), 0)`.as(
        'outbound',
      ),
      sql<number>`coalesce(sum(case when ${sql.ref('calls.direction')} = 'inbound' then 1 else 0 end), 0)`.as(
        'inbound',
      ),
      sql<number>`coalesce(sum(${sql.ref('calls.talk_seconds')}), 0)`.as('talkSeconds'),
    ]);
  return (byAgent ? query.groupBy('calls.ownerId') : query).execute();
}

/**
 * Call-list attempts of the period with an outcome and an agent (the lists' data scope), per agent
 * (`byAgent`) or over all of them: how many, reached, average talk and wrap-up.
 */
export function attemptsPerAgent(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period, byAgent: boolean) {
  const query = attemptsInScope(db, scope)
    .leftJoin('users', 'users.id', 'callAttempts.agentId')
    .where('callAttempts.agentId', 'is not', null)
    .where(inPeriod(dialect, period))
    .select([
      (byAgent ? sql<number | null>`${sql.ref('call_attempts.agent_id')}` : sql<number | null>`null`).as('agentId'),
      sql<string | null>`max(${sql.ref('users.display_name')})`.as('agentName'),
      sql<number>`count(*)`.as('attempts'),
      sql<number>`coalesce(sum(${sql.ref('call_attempts.reached')}), 0)`.as('reached'),
      sql<number | string | null>`avg(${sql.ref('call_attempts.talk_seconds')})`.as('averageTalk'),
      sql<number | string | null>`avg(${sql.ref('call_attempts.wrap_up_seconds')})`.as('averageWrapUp'),
    ]);
  return (byAgent ? query.groupBy('callAttempts.agentId') : query).execute();
}

const inPeriod = (dialect: Dialect, period: Period) =>
  sql<boolean>`${sql.ref('call_attempts.outcome_at')} >= ${instantParam(dialect, period.start)} and ${sql.ref('call_attempts.outcome_at')} < ${instantParam(dialect, period.end)}`;

/** Per list, over the attempts of the period: how many, reached, average talk and wrap-up, entries reached. */
export function listFigures(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period) {
  return attemptsInScope(db, scope)
    .where(inPeriod(dialect, period))
    .select([
      'callLists.id as listId',
      sql<string>`max(${sql.ref('call_lists.name')})`.as('name'),
      sql<string>`max(${sql.ref('call_lists.purpose')})`.as('purpose'),
      sql<number>`count(*)`.as('attempts'),
      sql<number>`sum(${sql.ref('call_attempts.reached')})`.as('reached'),
      sql<number | string | null>`avg(${sql.ref('call_attempts.talk_seconds')})`.as('averageTalk'),
      sql<number | string | null>`avg(${sql.ref('call_attempts.wrap_up_seconds')})`.as('averageWrapUp'),
      sql<number>`count(distinct case when ${sql.ref('call_attempts.reached')} = 1 then ${sql.ref('call_attempts.entry_id')} end)`.as(
        'reachedEntries',
      ),
    ])
    .groupBy('callLists.id')
    .execute();
}

/** Per list and outcome, the attempts of the period. */
export function outcomesPerList(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period) {
  return attemptsInScope(db, scope)
    .where(inPeriod(dialect, period))
    .select(['callLists.id as listId', 'callAttempts.outcome', sql<number>`count(*)`.as('n')])
    .groupBy(['callLists.id', 'callAttempts.outcome'])
    .execute();
}

/**
 * Per list, the entries reached in the period whose customer placed an order (sold) or paid (a confirmed
 * receipt) after a reached call and within `days` days of it.
 */
export function conversionsPerList(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period, days: number) {
  const within = (column: string) =>
    dialect === 'postgres'
      ? sql<boolean>`${sql.ref(column)} > ${sql.ref('call_attempts.outcome_at')} and ${sql.ref(column)} <= ${sql.ref('call_attempts.outcome_at')} + make_interval(days => ${days})`
      : sql<boolean>`${sql.ref(column)} > ${sql.ref('call_attempts.outcome_at')} and ${sql.ref(column)} <= strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref('call_attempts.outcome_at')}, ${`+${days} days`})`;
  return attemptsInScope(db, scope)
    .innerJoin('callListEntries', 'callListEntries.id', 'callAttempts.entryId')
    .where(inPeriod(dialect, period))
    .where('callAttempts.reached', '=', 1)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('orders')
            .select('orders.id')
            .whereRef('orders.customerId', '=', 'callListEntries.customerId')
            .where('orders.deletedAt', 'is', null)
            .where('orders.status', 'in', [...soldOrderStatuses])
            .where(within('orders.created_at')),
        ),
        eb.exists(
          eb
            .selectFrom('receipts')
            .select('receipts.id')
            .whereRef('receipts.customerId', '=', 'callListEntries.customerId')
            .where('receipts.status', '=', 'confirmed')
            .where('receipts.amount', '>', 0)
            .where(within('receipts.created_at')),
        ),
      ]),
    )
    .select([
      'callLists.id as listId',
      sql<number>`count(distinct ${sql.ref('call_attempts.entry_id')})`.as('converted'),
    ])
    .groupBy('callLists.id')
    .execute();
}

/** Inbound calls that rang in the period (the calls' data scope): how many, answered, and the wait until answered. */
export function inboundFigures(db: Kysely<DB>, dialect: Dialect, scope: Scope, period: Period) {
  const wait = secondsBetween(dialect, sql.ref('calls.ring_at'), sql.ref('calls.answer_at'));
  return whereInScope(db.selectFrom('calls'), 'calls', scope)
    .where('calls.direction', '=', 'inbound')
    .where(sql<boolean>`${sql.ref('calls.ring_at')} >= ${instantParam(dialect, period.start)}`)
    .where(sql<boolean>`${sql.ref('calls.ring_at')} < ${instantParam(dialect, period.end)}`)
    .select([
      sql<number>`count(*)`.as('calls'),
      sql<number>`count(${sql.ref('calls.answer_at')})`.as('answered'),
      sql<number | string | null>`avg(case when ${sql.ref('calls.answer_at')} is not null then ${wait} end)`.as(
        'averageWait',
      ),
      sql<number | string | null>`max(case when ${sql.ref('calls.answer_at')} is not null then ${wait} end)`.as(
        'longestWait',
      ),
    ])
    .executeTakeFirstOrThrow();
}
