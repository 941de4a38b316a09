import { openTicketStatuses } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/scope.ts';
import { inTicketScope } from './tickets.repository.ts';

/** How many of a customer's tickets in scope are still open. */
export async function countOpenTicketsOfCustomer(db: Kysely<DB>, scope: Scope, customerId: number): Promise<number> {
  const { n } = await inTicketScope(db.selectFrom('tickets'), scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tickets.customerId', '=', customerId)
    .where('tickets.deletedAt', 'is', null)
    .where('tickets.status', 'in', openTicketStatuses)
    .executeTakeFirstOrThrow();
  return Number(n);
}
