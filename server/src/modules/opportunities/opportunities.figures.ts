import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { openOpportunitiesOfCustomer } from './opportunities.figures.repository.ts';
import { opportunityScope } from './opportunities.service.ts';

/** A customer's open opportunities the caller may see: count and amount (minor units) per currency. */
export async function customerOpenOpportunities(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
): Promise<Array<{ currency: string; count: number; amount: number }>> {
  const rows = await openOpportunitiesOfCustomer(ctx.db, await opportunityScope(ctx, actor), customerId);
  return rows.map((r) => ({ currency: r.currency, count: Number(r.count), amount: Number(r.amount ?? 0) }));
}
