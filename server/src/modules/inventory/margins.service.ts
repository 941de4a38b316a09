import { divideRounded, fromMinorUnits, type MarginQuery, type MarginReport } from '@relate/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { quantityText } from '../../platform/quantity.ts';
import { scopeFor } from '../../platform/scope.ts';
import { getSettings } from '../settings/index.ts';
import { deliveredByProduct } from './margins.repository.ts';

const money = (minor: number) => fromMinorUnits(Number(minor));

/** Margin as a percentage of revenue, two decimals rounded half up; null when there is no revenue. */
export function marginPercent(margin: number, revenue: number): string | null {
  if (revenue === 0) return null;
  const negative = margin < 0 !== revenue < 0;
  const hundredths = divideRounded(BigInt(Math.abs(margin)) * 10_000n, BigInt(Math.abs(revenue)), 'half_up');
  return `${negative && hundredths !== 0n ? '-' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** Gross margin per product of what was delivered in a period (orders in the caller's scope), in the company currency. */
export async function marginReport(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof MarginQuery>,
): Promise<MarginReport> {
  const scope = await scopeFor(ctx.db, actor, 'orders');
  const rows = await deliveredByProduct(ctx.db, scope, query.from, query.to);
  const items = rows
    .map((r) => {
      const revenue = Number(r.revenue);
      const cost = Number(r.cost);
      return {
        productId: r.productId,
        productCode: r.productCode,
        productName: r.productName,
        quantity: quantityText(Number(r.quantity)),
        revenue: money(revenue),
        cost: money(cost),
        margin: money(revenue - cost),
        marginPercent: marginPercent(revenue - cost, revenue),
        sortKey: revenue - cost,
      };
    })
    .sort((a, b) => b.sortKey - a.sortKey)
    .map(({ sortKey: _, ...item }) => item);
  const revenue = rows.reduce((sum, r) => sum + Number(r.revenue), 0);
  const cost = rows.reduce((sum, r) => sum + Number(r.cost), 0);
  const { defaultCurrency } = await getSettings(ctx.db);
  return {
    from: query.from,
    to: query.to,
    currency: defaultCurrency,
    items,
    totals: {
      revenue: money(revenue),
      cost: money(cost),
      margin: money(revenue - cost),
      marginPercent: marginPercent(revenue - cost, revenue),
    },
  };
}
