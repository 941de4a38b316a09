import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

/** Per product: the quantity delivered between two days (inclusive) on live orders in scope, its revenue and cost. */
export function deliveredByProduct(db: Kysely<DB>, scope: Scope, from: string, to: string) {
  return whereInScope(
    db
      .selectFrom('deliveryLines')
      .innerJoin('deliveries', 'deliveries.id', 'deliveryLines.deliveryId')
      .innerJoin('orderLines', 'orderLines.id', 'deliveryLines.orderLineId')
      .innerJoin('orders', 'orders.id', 'deliveries.orderId')
      .leftJoin('products', 'products.id', 'orderLines.productId'),
    'orders',
    scope,
  )
    .where('deliveries.deliveredOn', '>=', from)
    .where('deliveries.deliveredOn', '<=', to)
    .where('orders.deletedAt', 'is', null)
    .select((eb) => [
      'orderLines.productId',
      'products.code as productCode',
      'products.name as productName',
      eb.fn.sum<number>('deliveryLines.quantityMilli').as('quantity'),
      eb.fn.sum<number>('deliveryLines.revenueMinor').as('revenue'),
      eb.fn.sum<number>('deliveryLines.costMinor').as('cost'),
    ])
    .groupBy(['orderLines.productId', 'products.code', 'products.name'])
    .execute();
}
