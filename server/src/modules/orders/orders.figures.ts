import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { soldTotalsOfCustomer } from './orders.figures.repository.ts';
import { orderScope } from './orders.service.ts';

/** What a customer has bought on the orders the caller may see: minor units per currency. */
export async function customerRevenue(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
): Promise<Array<{ currency: string; amount: number }>> {
  const rows = await soldTotalsOfCustomer(ctx.db, await orderScope(ctx, actor), customerId);
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount ?? 0) }));
}
