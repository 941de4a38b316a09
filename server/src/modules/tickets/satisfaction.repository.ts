import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/scope.ts';
import { inTicketScope } from './tickets.repository.ts';

export type SatisfactionKey = 'tickets.ownerId' | 'tickets.teamId' | 'tickets.category';

/** Per agent, team or category: the ratings and callback outcomes of the tickets called back in [from, until). */
export function callbackSums(db: Kysely<DB>, scope: Scope, key: SatisfactionKey, from: string, until: string) {
  return inTicketScope(db.selectFrom('tickets'), scope)
    .where('tickets.deletedAt', 'is', null)
    .where('tickets.callbackAt', '>=', from)
    .where('tickets.callbackAt', '<', until)
    .select([
      sql<string | number | null>`${sql.ref(key)}`.as('key'),
      sql<number>`count(tickets.satisfaction_score)`.as('responses'),
      sql<number>`coalesce(sum(tickets.satisfaction_score), 0)`.as('scoreSum'),
      sql<number>`sum(case when tickets.satisfaction_score >= 4 then 1 else 0 end)`.as('satisfied'),
      sql<number>`count(tickets.callback_solved)`.as('called'),
      sql<number>`sum(case when tickets.callback_solved = 1 then 1 else 0 end)`.as('solved'),
    ])
    .groupBy(sql.ref(key))
    .execute();
}
