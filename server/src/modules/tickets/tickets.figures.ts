import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { countOpenTicketsOfCustomer } from './tickets.figures.repository.ts';
import { ticketScope } from './tickets.service.ts';

/** How many of a customer's tickets the caller may see are still open. */
export async function customerOpenTickets(ctx: AppContext, actor: Actor, customerId: number): Promise<number> {
  return countOpenTicketsOfCustomer(ctx.db, await ticketScope(ctx, actor), customerId);
}
