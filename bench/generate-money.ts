import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/db/database.ts';
import { seededRandom } from '../server/src/db/sample-data.ts';
import type { DB, InstalmentTable, OrderTable, ReceiptAllocationTable, ReceiptTable } from '../server/src/db/schema.ts';

const day = 86_400_000;

/**
 * Adds orders with one to three instalments each and about two receipts per order (2 M for 1 M orders) to a generated
 * dataset: orders of random customers (owned as the customer is) over the last two years, instalments
 * due over two years, receipts confirmed and matched to instalments, a part of them left unpaid.
 */
export async function generateMoneyData(
  db: Kysely<DB>,
  dialect: Dialect,
  counts: { orders: number },
  log: (line: string) => void,
): Promise<void> {
  const random = seededRandom(11);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const { maxId } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirstOrThrow();
  const customerCount = Number(maxId);
  const started = Date.now();
  let receiptNo = 0;
  for (let start = 0; start < counts.orders; start += 20_000) {
    const end = Math.min(start + 20_000, counts.orders);
    const customerIds = Array.from({ length: end - start }, () => 1 + Math.floor(random() * customerCount));
    const owners = new Map(
      (
        await db
          .selectFrom('customers')
          .select(['id', 'ownerId', 'departmentId'])
          .where('id', 'in', [...new Set(customerIds)])
          .execute()
      ).map((c) => [c.id, c]),
    );
    await db.transaction().execute(async (trx) => {
      for (let offset = 0; offset < customerIds.length; offset += 500) {
        const batch = customerIds.slice(offset, offset + 500);
        const orders: Array<Insertable<OrderTable>> = batch.map((customerId, k) => {
          const c = owners.get(customerId)!;
          const created = now - Math.floor(random() * 730 * day);
          const total = Math.floor(1 + random() * 500) * 100_000;
          return {
            number: `SO-B${String(start + offset + k + 1).padStart(8, '0')}`,
            title: '基准订单',
            customerId,
            contactId: null,
            opportunityId: null,
            quoteId: null,
            currency: 'CNY',
            status: 'delivered',
            discountBp: 0,
            subtotal: total,
            discount: 0,
            tax: 0,
            total,
            requestedDeliveryDate: null,
            shippingAddress: null,
            terms: null,
            notes: null,
            closeReason: null,
            approvedAt: iso(created),
            closedAt: null,
            ownerId: c.ownerId,
            departmentId: c.departmentId,
            createdBy: c.ownerId,
            updatedBy: c.ownerId,
            createdAt: iso(created),
            updatedAt: iso(created),
            deletedAt: null,
            deletedBy: null,
          };
        });
        const ids = (await trx.insertInto('orders').values(orders).returning('id').execute()).map((r) => r.id);
        const instalments: Array<Insertable<InstalmentTable>> = [];
        ids.forEach((orderId, k) => {
          const o = orders[k];
          const parts = 1 + Math.floor(random() * 3);
          const base = Math.floor(Number(o.total) / parts);
          for (let p = 0; p < parts; p++) {
            const amount = p === parts - 1 ? Number(o.total) - base * (parts - 1) : base;
            const due = Date.parse(o.createdAt as string) + (p + 1) * 30 * day;
            // Most instalments that fell due are paid; some are paid in part or not at all.
            const r = random();
            const received =
              due > now ? (r < 0.2 ? amount : 0) : r < 0.75 ? amount : r < 0.85 ? Math.floor(amount / 2) : 0;
            instalments.push({
              orderId,
              customerId: o.customerId,
              seq: p + 1,
              dueDate: date(due),
              amount,
              received,
              currency: 'CNY',
              ownerId: o.ownerId ?? null,
              departmentId: o.departmentId ?? null,
              createdAt: o.createdAt as string,
              updatedAt: o.createdAt as string,
            });
          }
        });
        const instalmentIds = (await trx.insertInto('instalments').values(instalments).returning('id').execute()).map(
          (r) => r.id,
        );
        const receipts: Array<Insertable<ReceiptTable>> = [];
        const allocations: Array<Omit<Insertable<ReceiptAllocationTable>, 'receiptId'>> = [];
        instalments.forEach((inst, k) => {
          if (!inst.received) return;
          const received = Number(inst.received);
          // Nearly half of what is paid arrives in two payments, which makes about two receipts per order.
          const parts =
            received > 1 && random() < 0.46
              ? [Math.floor(received / 2), received - Math.floor(received / 2)]
              : [received];
          parts.forEach((amount, p) => {
            receiptNo++;
            const receivedOn = date(Date.parse(inst.dueDate) + (p - parts.length + 1) * 10 * day);
            receipts.push({
              number: `R-B${String(receiptNo).padStart(9, '0')}`,
              customerId: inst.customerId,
              receivedOn,
              amount,
              currency: 'CNY',
              method: 'bank_transfer',
              payer: null,
              bankAccount: null,
              reference: null,
              notes: null,
              status: 'confirmed',
              overpayment: 0,
              confirmedBy: null,
              confirmedAt: iso(now),
              ownerId: inst.ownerId ?? null,
              departmentId: inst.departmentId ?? null,
              createdBy: null,
              createdAt: iso(now),
              updatedAt: iso(now),
            });
            allocations.push({ instalmentId: instalmentIds[k], amount });
          });
        });
        if (receipts.length) {
          const receiptIds = (await trx.insertInto('receipts').values(receipts).returning('id').execute()).map(
            (r) => r.id,
          );
          await trx
            .insertInto('receiptAllocations')
            .values(allocations.map((a, i) => ({ ...a, receiptId: receiptIds[i] })))
            .execute();
        }
      }
    });
    if (end % 200_000 === 0 || end === counts.orders)
      log(
        `  generated ${end.toLocaleString()} orders with instalments and receipts (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  if (dialect === 'postgres') await sql`analyze`.execute(db);
}
