import type { taskRelatedEntities } from '@relate/common';
import { type Insertable, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely';
import type { DB, TaskTable } from '../../db/schema.ts';
import { keysetOf, type ListPageQuery, orderBySpec, type SortColumns, sortSpec } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';
import { contains } from '../../platform/search.ts';

const sortColumns: SortColumns = {
  dueAt: { column: 'tasks.dueAt' },
  priority: { column: 'tasks.priority' },
  createdAt: { column: 'tasks.createdAt' },
  subject: { column: 'tasks.subject' },
};

const base = (db: Kysely<DB>) => db.selectFrom('tasks');

function withColumns(qb: ReturnType<typeof base>) {
  return qb
    .leftJoin('users as assignee', 'assignee.id', 'tasks.ownerId')
    .leftJoin('customers as rc', (join) =>
      join.onRef('rc.id', '=', 'tasks.relatedId').on('tasks.relatedEntity', '=', 'customers'),
    )
    .leftJoin('leads as rl', (join) =>
      join.onRef('rl.id', '=', 'tasks.relatedId').on('tasks.relatedEntity', '=', 'leads'),
    )
    .leftJoin('opportunities as ro', (join) =>
      join.onRef('ro.id', '=', 'tasks.relatedId').on('tasks.relatedEntity', '=', 'opportunities'),
    )
    .selectAll('tasks')
    .select([
      'assignee.displayName as assigneeName',
      sql<string | null>`coalesce(rc.name, rl.name, ro.name)`.as('relatedName'),
    ]);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

export type TaskFilter = {
  status?: string[];
  assigneeId?: number[];
  relatedEntity?: string;
  relatedId?: number;
  dueFrom?: string;
  dueTo?: string;
  overdueBefore?: string;
  q?: string;
};

function filtered(db: Kysely<DB>, scope: Scope, filter: TaskFilter) {
  let qb = whereInScope(base(db), 'tasks', scope).where('tasks.deletedAt', 'is', null);
  if (filter.status?.length) qb = qb.where('tasks.status', 'in', filter.status);
  if (filter.assigneeId?.length) qb = qb.where('tasks.ownerId', 'in', filter.assigneeId);
  if (filter.relatedEntity) qb = qb.where('tasks.relatedEntity', '=', filter.relatedEntity);
  if (filter.relatedId) qb = qb.where('tasks.relatedId', '=', filter.relatedId);
  if (filter.dueFrom) qb = qb.where('tasks.dueAt', '>=', filter.dueFrom);
  if (filter.dueTo) qb = qb.where('tasks.dueAt', '<', filter.dueTo);
  if (filter.overdueBefore) qb = qb.where('tasks.dueAt', '<', filter.overdueBefore).where('tasks.status', '=', 'open');
  if (filter.q) qb = qb.where(contains('tasks.subject', filter.q));
  return qb;
}

export async function listTasks(db: Kysely<DB>, scope: Scope, filter: TaskFilter, page: ListPageQuery) {
  const qb = filtered(db, scope, filter);
  const keyset = keysetOf(page, sortSpec(page.sort, sortColumns, 'dueAt:asc'));
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return keyset.keyed(await keyset.limit(orderBySpec(withColumns(qb), keyset.spec)).execute(), {
    total: Number(total),
  });
}

export function tasksBetween(db: Kysely<DB>, scope: Scope, filter: TaskFilter) {
  return withColumns(filtered(db, scope, filter))
    .orderBy('tasks.dueAt')
    .limit(2000)
    .execute();
}

/** Tasks about one customer, latest due first (upcoming ones lead a timeline). */
export function tasksOfCustomer(db: Kysely<DB>, customerId: number, limit: number, after?: RawBuilder<boolean>) {
  let qb = withColumns(
    base(db)
      .where('tasks.deletedAt', 'is', null)
      .where('tasks.relatedEntity', '=', 'customers')
      .where('tasks.relatedId', '=', customerId),
  );
  if (after) qb = qb.where(after);
  return qb.orderBy('tasks.dueAt', 'desc').orderBy('tasks.id', 'desc').limit(limit).execute();
}

export function findTask(db: Kysely<DB>, scope: Scope, id: number) {
  return withColumns(whereInScope(base(db), 'tasks', scope))
    .where('tasks.id', '=', id)
    .where('tasks.deletedAt', 'is', null)
    .executeTakeFirst();
}

/** The id of the active customer, lead or opportunity a task is about, if it lies in the scope. */
export function findRelatedInScope(
  db: Kysely<DB>,
  relatedEntity: (typeof taskRelatedEntities)[number],
  scope: Scope,
  id: number,
) {
  const table = relatedEntity as 'customers';
  return whereInScope(db.selectFrom(table), table, scope)
    .select(`${table}.id`)
    .where(`${table}.id`, '=', id)
    .where(`${table}.deletedAt`, 'is', null)
    .executeTakeFirst();
}

export async function insertTask(db: Kysely<DB>, row: Insertable<TaskTable>): Promise<number> {
  return (await db.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateTask(db: Kysely<DB>, id: number, values: Updateable<TaskTable>) {
  return db.updateTable('tasks').set(values).where('id', '=', id).execute();
}
