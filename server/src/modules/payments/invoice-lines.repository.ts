import type { Insertable, Kysely } from 'kysely';
import type { DB, InvoiceLineTable } from '../../db/schema.ts';

export async function insertLines(db: Kysely<DB>, rows: Insertable<InvoiceLineTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('invoiceLines').values(rows).execute();
}

/** What issued red-letter invoices credited of each line (positive figures, minor units). */
const credited = (db: Kysely<DB>) =>
  db
    .selectFrom('invoiceLines as red')
    .innerJoin('invoices as ri', 'ri.id', 'red.invoiceId')
    .where('ri.status', '=', 'issued')
    .where('red.redOfLineId', 'is not', null)
    .groupBy('red.redOfLineId')
    .select((eb) => [
      'red.redOfLineId as lineId',
      eb.fn.sum<number>('red.net').as('net'),
      eb.fn.sum<number>('red.tax').as('tax'),
      eb.fn.sum<number>('red.total').as('total'),
    ]);

/** The lines of an invoice or of a request in order, each with what red-letter invoices credited of it. */
export function listLines(db: Kysely<DB>, holder: { invoiceId: number } | { requestId: number }) {
  let qb = db
    .selectFrom('invoiceLines as l')
    .leftJoin(credited(db).as('c'), 'c.lineId', 'l.id')
    .selectAll('l')
    .select((eb) => [
      eb.fn.coalesce('c.net', eb.val(0)).as('creditedNet'),
      eb.fn.coalesce('c.tax', eb.val(0)).as('creditedTax'),
      eb.fn.coalesce('c.total', eb.val(0)).as('creditedTotal'),
    ]);
  qb =
    'invoiceId' in holder
      ? qb.where('l.invoiceId', '=', holder.invoiceId)
      : qb.where('l.requestId', '=', holder.requestId);
  return qb.orderBy('l.position').orderBy('l.id').execute();
}
export type LineRow = Awaited<ReturnType<typeof listLines>>[number];

/**
 * Holds the invoice's row until the transaction ends, so that two red-letter invoices of it are worked out
 * one after the other (PostgreSQL; SQLite writes one transaction at a time anyway).
 */
export async function lockInvoice(db: Kysely<DB>, id: number, now: string): Promise<void> {
  await db.updateTable('invoices').set({ updatedAt: now }).where('id', '=', id).execute();
}
