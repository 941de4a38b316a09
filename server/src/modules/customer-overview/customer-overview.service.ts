import { type CustomerOverview, fromMinorUnits, toMinorUnits } from '@relate/common';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { converter, customerOpenOpportunities } from '../opportunities/index.ts';
import { customerRevenue } from '../orders/index.ts';
import { receivables } from '../payments/index.ts';
import { getSettings } from '../settings/index.ts';
import { customerOpenTickets } from '../tickets/index.ts';

/**
 * The key figures of one customer the caller may open (404 otherwise): what it bought, owes and has overdue,
 * its open opportunities and tickets, and when it was last and is next to be contacted. Each figure comes
 * from the module that owns it, scoped as that module's lists are, and is summed by the database.
 */
export async function customerOverview(ctx: AppContext, actor: Actor, customerId: number): Promise<CustomerOverview> {
  const customer = orNotFound(await findVisibleCustomer(ctx, actor, customerId));
  const settings = await getSettings(ctx.db);
  const convert = converter(settings);
  const inDefault = (rows: Array<{ currency: string; amount: number }>) =>
    fromMinorUnits(rows.reduce((sum, r) => sum + convert(r.amount, r.currency), 0));

  const seesOrders = can(actor, 'orders.view');
  const revenue = seesOrders ? inDefault(await customerRevenue(ctx, actor, customerId)) : null;
  const owed = seesOrders ? await receivables(ctx, actor, { customerId, page: 1, pageSize: 1 }) : null;
  const owedIn = (field: 'outstanding' | 'overdue') =>
    owed ? inDefault(owed.byCurrency.map((f) => ({ currency: f.currency, amount: toMinorUnits(f[field]) }))) : null;
  const opportunities = can(actor, 'opportunities.view')
    ? await customerOpenOpportunities(ctx, actor, customerId)
    : null;
  return {
    currency: settings.defaultCurrency,
    revenue,
    outstanding: owedIn('outstanding'),
    overdue: owedIn('overdue'),
    openOpportunities: opportunities && {
      count: opportunities.reduce((sum, o) => sum + o.count, 0),
      amount: inDefault(opportunities),
    },
    openTickets: can(actor, 'tickets.view') ? await customerOpenTickets(ctx, actor, customerId) : null,
    lastFollowupAt: customer.lastFollowupAt ?? null,
    nextFollowupAt: customer.nextFollowupAt ?? null,
  };
}
