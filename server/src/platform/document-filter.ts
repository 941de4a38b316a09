import type { SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { contains } from './search.ts';

/** The filters the lists of quotes and of orders both have. */
export type DocumentFilter = {
  q?: string;
  status?: string[];
  customerId?: number;
  opportunityId?: number;
  ownerId?: number[];
};

/** Narrows quotes or orders to those matching the filters both lists have (`q`: in the number or the title). */
export function whereDocumentMatches<QB extends SelectQueryBuilder<DB, any, any>>(
  rows: QB,
  table: 'quotes' | 'orders',
  filter: DocumentFilter,
): QB {
  const t = table as 'orders';
  let qb = rows as unknown as SelectQueryBuilder<DB, 'orders', object>;
  if (filter.status?.length) qb = qb.where(`${t}.status`, 'in', filter.status);
  if (filter.customerId) qb = qb.where(`${t}.customerId`, '=', filter.customerId);
  if (filter.opportunityId) qb = qb.where(`${t}.opportunityId`, '=', filter.opportunityId);
  if (filter.ownerId?.length) qb = qb.where(`${t}.ownerId`, 'in', filter.ownerId);
  if (filter.q) {
    const q = filter.q;
    qb = qb.where((eb) => eb.or([contains(`${t}.number`, q), contains(`${t}.title`, q)]));
  }
  return qb as unknown as QB;
}
