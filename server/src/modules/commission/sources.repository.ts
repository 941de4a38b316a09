import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

// What a statement is computed from: the receipts, orders and categories of its month, and the refunds,
// red-letter invoices and locked lines that adjustments answer.

const orderBasis = (db: Kysely<DB>) =>
  db.selectFrom('orders as o').innerJoin('customers as c', 'c.id', 'o.customerId').where('o.deletedAt', 'is', null);

/**
 * The owner's orders' shares of the receipts confirmed in [from, to): per receipt and order, what was
 * matched to the order's instalments (refunds are not receipts here: they adjust). A receipt of an order
 * already commissioned — the receipt, or the order as won — is left out.
 */
export function receiptParts(db: Kysely<DB>, ownerId: number, from: string, to: string) {
  return orderBasis(db)
    .innerJoin('instalments as i', 'i.orderId', 'o.id')
    .innerJoin('receiptAllocations as a', 'a.instalmentId', 'i.id')
    .innerJoin('receipts as r', 'r.id', 'a.receiptId')
    .select([
      'r.id as receiptId',
      'r.confirmedAt',
      'r.currency',
      'o.id as orderId',
      'o.customerId',
      'c.level as customerLevel',
      (eb) => eb.fn.sum<number>('a.amount').as('amount'),
    ])
    .where('o.ownerId', '=', ownerId)
    .where('r.status', '=', 'confirmed')
    .where('r.amount', '>', 0)
    .where('r.confirmedAt', '>=', from)
    .where('r.confirmedAt', '<', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('commissionStatementLines as l')
            .select('l.id')
            .whereRef('l.orderId', '=', 'o.id')
            .where((inner) =>
              inner.or([
                inner('l.kind', '=', 'order'),
                inner.and([inner('l.kind', '=', 'receipt'), inner('l.sourceId', '=', inner.ref('r.id'))]),
              ]),
            ),
        ),
      ),
    )
    .groupBy(['r.id', 'r.confirmedAt', 'r.currency', 'o.id', 'o.customerId', 'c.level'])
    .orderBy('r.confirmedAt')
    .orderBy('r.id')
    .orderBy('o.id')
    .execute();
}

/** The owner's orders won (approved, not cancelled since) in [from, to) that no statement has commissioned yet. */
export function wonOrders(db: Kysely<DB>, ownerId: number, from: string, to: string, soldStatuses: readonly string[]) {
  return orderBasis(db)
    .select([
      'o.id as orderId',
      'o.approvedAt',
      'o.currency',
      'o.total as amount',
      'o.customerId',
      'c.level as customerLevel',
    ])
    .where('o.ownerId', '=', ownerId)
    .where('o.status', 'in', soldStatuses)
    .where('o.approvedAt', '>=', from)
    .where('o.approvedAt', '<', to)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('commissionStatementLines as l').select('l.id').whereRef('l.orderId', '=', 'o.id')),
      ),
    )
    .orderBy('o.approvedAt')
    .orderBy('o.id')
    .execute();
}

/** Each order's line amounts (net, minor units) per product category (null: no product or none). */
export function categoryWeights(db: Kysely<DB>, orderIds: number[]) {
  if (!orderIds.length) return Promise.resolve([]);
  return db
    .selectFrom('orderLines as ol')
    .leftJoin('products as p', 'p.id', 'ol.productId')
    .select(['ol.orderId', 'p.categoryId', (eb) => eb.fn.sum<number>('ol.net').as('net')])
    .where('ol.orderId', 'in', orderIds)
    .groupBy(['ol.orderId', 'p.categoryId'])
    .orderBy('ol.orderId')
    .orderBy('p.categoryId')
    .execute();
}

export function categories(db: Kysely<DB>) {
  return db.selectFrom('productCategories').select(['id', 'parentId', 'name']).execute();
}

type Events = { to: string; lastDay: string };

/** Line `l` has no adjustment yet for the event (a refund or red-letter invoice) whose id `source` names. */
const notYetAdjusted = (event: 'refund' | 'red_letter', source: 'r.id' | 'inv.id') =>
  sql<boolean>`not exists (select 1 from commission_statement_lines done
    where done.adjusts_line_id = l.id and done.event = ${event} and done.source_id = ${sql.ref(source)})`;

/**
 * Locked lines (of statements before `month`) with a refund or red-letter invoice of their order, dated
 * by the end of `month`, that has not adjusted them yet: a refund touches receipt lines, a red-letter
 * invoice order lines.
 */
function linesAwaitingAdjustment(db: Kysely<DB>, month: string, events: Events) {
  return db
    .selectFrom('commissionStatementLines as l')
    .innerJoin('commissionStatements as s', 's.id', 'l.statementId')
    .where('s.status', '=', 'locked')
    .where('s.month', '<', month)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('l.kind', '=', 'receipt'),
          eb.exists(
            eb
              .selectFrom('receipts as r')
              .innerJoin('receiptAllocations as a', 'a.receiptId', 'r.id')
              .innerJoin('instalments as i', 'i.id', 'a.instalmentId')
              .select('r.id')
              .whereRef('i.orderId', '=', 'l.orderId')
              .where('r.amount', '<', 0)
              .where('r.status', '=', 'confirmed')
              .where('r.confirmedAt', '<', events.to)
              .where(notYetAdjusted('refund', 'r.id')),
          ),
        ]),
        eb.and([
          eb('l.kind', '=', 'order'),
          eb.exists(
            eb
              .selectFrom('invoices as inv')
              .select('inv.id')
              .whereRef('inv.orderId', '=', 'l.orderId')
              .where('inv.redOfId', 'is not', null)
              .where('inv.status', '=', 'issued')
              .where('inv.issuedOn', '<=', events.lastDay)
              .where(notYetAdjusted('red_letter', 'inv.id')),
          ),
        ]),
      ]),
    );
}

/** The orders of an owner's locked lines that a refund or red-letter invoice has yet to adjust. */
export async function ordersAwaitingAdjustment(db: Kysely<DB>, ownerId: number, month: string, events: Events) {
  const rows = await linesAwaitingAdjustment(db, month, events)
    .select('l.orderId')
    .distinct()
    .where('s.ownerId', '=', ownerId)
    .execute();
  return rows.map((r) => r.orderId);
}

/** The owners of locked lines that a refund or red-letter invoice has yet to adjust. */
export async function ownersAwaitingAdjustment(db: Kysely<DB>, month: string, events: Events) {
  const rows = await linesAwaitingAdjustment(db, month, events).select('s.ownerId').distinct().execute();
  return rows.map((r) => r.ownerId);
}

/** Every locked receipt and order line of these orders, whoever's, with its statement's figures. */
export function lockedLinesOf(db: Kysely<DB>, orderIds: number[]) {
  return db
    .selectFrom('commissionStatementLines as l')
    .innerJoin('commissionStatements as s', 's.id', 'l.statementId')
    .select([
      'l.id',
      'l.kind',
      'l.orderId',
      'l.receiptId',
      'l.customerId',
      'l.customerLevel',
      'l.categoryId',
      'l.categoryName',
      'l.sourceDate',
      'l.base',
      'l.rateBp',
      'l.multiplierBp',
      's.id as statementId',
      's.ownerId',
      's.month',
      's.gross',
      's.cap',
    ])
    .where('s.status', '=', 'locked')
    .where('l.kind', '<>', 'adjustment')
    .where('l.orderId', 'in', orderIds)
    .execute();
}

/** Every adjustment already made to lines of these orders, on any statement. */
export function adjustmentsOf(db: Kysely<DB>, orderIds: number[]) {
  return db
    .selectFrom('commissionStatementLines as l')
    .innerJoin('commissionStatementLines as adjusted', 'adjusted.id', 'l.adjustsLineId')
    .select([
      'l.adjustsLineId',
      'adjusted.statementId as adjustedStatementId',
      'l.event',
      'l.sourceId',
      'l.base',
      'l.computed',
    ])
    .where('l.kind', '=', 'adjustment')
    .where('l.orderId', 'in', orderIds)
    .execute();
}

/** Refunds confirmed before `to`, with what each took back from each of these orders. */
export function refundParts(db: Kysely<DB>, orderIds: number[], to: string) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('receiptAllocations as a', 'a.receiptId', 'r.id')
    .innerJoin('instalments as i', 'i.id', 'a.instalmentId')
    .select(['r.id', 'r.confirmedAt', 'r.currency', 'i.orderId', (eb) => eb.fn.sum<number>('a.amount').as('amount')])
    .where('i.orderId', 'in', orderIds)
    .where('r.amount', '<', 0)
    .where('r.status', '=', 'confirmed')
    .where('r.confirmedAt', '<', to)
    .groupBy(['r.id', 'r.confirmedAt', 'r.currency', 'i.orderId'])
    .execute();
}

/** Red-letter invoices of these orders issued by `lastDay` (amounts negative). */
export function redLetters(db: Kysely<DB>, orderIds: number[], lastDay: string) {
  return db
    .selectFrom('invoices')
    .select(['id', 'issuedOn', 'currency', 'orderId', 'amount', 'customerId'])
    .where('orderId', 'in', orderIds)
    .where('redOfId', 'is not', null)
    .where('status', '=', 'issued')
    .where('issuedOn', '<=', lastDay)
    .execute();
}
