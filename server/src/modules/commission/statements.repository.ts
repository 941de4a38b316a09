import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CommissionStatementLineTable, CommissionStatementTable, DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

export type StatementRow = Selectable<CommissionStatementTable> & { userName: string };

const statementColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('commissionStatements')
    .innerJoin('users', 'users.id', 'commissionStatements.ownerId')
    .selectAll('commissionStatements')
    .select('users.displayName as userName');

export function findStatement(db: Kysely<DB>, scope: Scope, id: number): Promise<StatementRow | undefined> {
  return whereInScope(statementColumns(db), 'commission_statements', scope)
    .where('commissionStatements.id', '=', id)
    .executeTakeFirst();
}

export function findStatementOf(db: Kysely<DB>, ownerId: number, month: string) {
  return db
    .selectFrom('commissionStatements')
    .select(['id', 'status'])
    .where('ownerId', '=', ownerId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export type StatementFilter = { month?: string; userId?: number; status?: string[] };

/** A page of the statements in scope, newest month first, then by person; and how many match. */
export async function listStatements(
  db: Kysely<DB>,
  scope: Scope,
  filter: StatementFilter,
  page: { limit: number; offset: number },
) {
  let qb = whereInScope(statementColumns(db), 'commission_statements', scope);
  if (filter.month) qb = qb.where('commissionStatements.month', '=', filter.month);
  if (filter.userId) qb = qb.where('commissionStatements.ownerId', '=', filter.userId);
  if (filter.status?.length) qb = qb.where('commissionStatements.status', 'in', filter.status);
  const [rows, count] = await Promise.all([
    qb
      .orderBy('commissionStatements.month', 'desc')
      .orderBy('users.displayName')
      .orderBy('commissionStatements.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    qb
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertStatement(db: Kysely<DB>, row: Insertable<CommissionStatementTable>): Promise<number> {
  return (await db.insertInto('commissionStatements').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStatement(db: Kysely<DB>, id: number, values: Updateable<CommissionStatementTable>) {
  await db.updateTable('commissionStatements').set(values).where('id', '=', id).execute();
}

/** Moves a statement from one of `from` to `values.status`; answers whether it was in one of them. */
export async function moveStatement(
  db: Kysely<DB>,
  id: number,
  from: string[],
  values: Updateable<CommissionStatementTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('commissionStatements')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteLinesOf(db: Kysely<DB>, statementId: number) {
  await db.deleteFrom('commissionStatementLines').where('statementId', '=', statementId).execute();
}

export async function insertLines(db: Kysely<DB>, rows: Array<Insertable<CommissionStatementLineTable>>) {
  // Several statements at a time keep each under SQLite's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('commissionStatementLines')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A statement's own lines summed, its adjustments summed and its lines counted, by the database. */
export async function totalsOf(db: Kysely<DB>, statementId: number) {
  const row = await db
    .selectFrom('commissionStatementLines')
    .select((eb) => [
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb.case().when('kind', '<>', 'adjustment').then(eb.ref('commission')).else(0).end()),
          eb.val(0),
        )
        .as('gross'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb.case().when('kind', '=', 'adjustment').then(eb.ref('commission')).else(0).end()),
          eb.val(0),
        )
        .as('adjustments'),
      eb.fn.countAll<number>().as('lines'),
    ])
    .where('statementId', '=', statementId)
    .executeTakeFirstOrThrow();
  return { gross: Number(row.gross), adjustments: Number(row.adjustments), lines: Number(row.lines) };
}

/** A page of a statement's lines, in the order they were computed, with what each links to. */
export function linesPage(db: Kysely<DB>, statementId: number, page: { limit: number; offset: number }) {
  const lines = db
    .selectFrom('commissionStatementLines as l')
    .innerJoin('orders as o', 'o.id', 'l.orderId')
    .innerJoin('customers as c', 'c.id', 'l.customerId')
    .leftJoin('receipts as r', 'r.id', 'l.receiptId')
    .leftJoin('invoices as i', 'i.id', 'l.invoiceId')
    .leftJoin('commissionStatementLines as adjusted', 'adjusted.id', 'l.adjustsLineId')
    .leftJoin('commissionStatements as adjustedStatement', 'adjustedStatement.id', 'adjusted.statementId')
    .where('l.statementId', '=', statementId);
  return Promise.all([
    lines
      .selectAll('l')
      .select([
        'o.number as orderNumber',
        'c.name as customerName',
        'r.number as receiptNumber',
        'i.number as invoiceNumber',
        'adjustedStatement.id as adjustsStatementId',
        'adjustedStatement.month as adjustsMonth',
      ])
      .orderBy('l.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('commissionStatementLines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('statementId', '=', statementId)
      .executeTakeFirstOrThrow(),
  ]);
}
