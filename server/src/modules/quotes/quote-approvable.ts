import { scaled } from '@relate/common';
import type { Approvable } from '../approvals/index.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import * as repo from './quotes.repository.ts';
import { getQuote } from './quotes.service.ts';

/** A quote goes through approval as a whole; its facts are the deepest discount on it and its total. */
export const quoteApprovable: Approvable = {
  type: 'quote',
  entity: 'quotes',
  async load(ctx, actor, id) {
    const quote = await getQuote(ctx, actor, id);
    const discounts = [quote.discountPercent, ...quote.lines.map((l) => l.discountPercent)];
    const deepest = discounts.reduce((max, d) => (scaled(d, 2) > scaled(max, 2) ? d : max), '0');
    return {
      title: `${quote.number} ${quote.title}`,
      amount: quote.total,
      facts: { discountPercent: deepest, total: quote.total },
      departmentId: null,
    };
  },
  async assertSubmittable(ctx, id) {
    const quote = orNotFound(await repo.findQuoteState(ctx.db, id));
    if (!quote.isLatest) throw new AppError('CONFLICT', 'quoteNotLatest');
    if (quote.status !== 'draft')
      throw new AppError('CONFLICT', 'quoteStatusChange', undefined, { from: quote.status, to: 'pending' });
  },
  async setState(trx, id, state) {
    await repo.updateQuote(trx, id, { approvalStatus: state });
  },
};
