import type { Settings } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { usersWithPermission } from '../../platform/permission-holders.ts';
import { openTicketCounts } from './tickets.repository.ts';

/**
 * Finds the agent for a ticket nobody named: VIP tickets go to the VIP agents when there are any,
 * others to the team's agents (everyone who works tickets when there is no team) — by turns, or to
 * whoever has the fewest open tickets. Claiming the team's cursor row first makes concurrent
 * tickets of one team wait for each other, so each sees the load the previous one left.
 */
export async function routeTicket(trx: Kysely<DB>, ticket: { teamId: number | null; vip: boolean }, settings: Pick<Settings, 'ticketRouting' | 'vipAgentIds'>): Promise<number | null> {
  if (settings.ticketRouting === 'manual') return null;
  const agents = await usersWithPermission(trx, 'tickets.edit', ticket.teamId);
  const vipAgents = ticket.vip ? (await usersWithPermission(trx, 'tickets.edit')).filter((id) => settings.vipAgentIds.includes(id)) : [];
  const candidates = vipAgents.length ? vipAgents : agents;
  if (!candidates.length) return null;
  const key = `tickets:${vipAgents.length ? 'vip' : `team:${ticket.teamId ?? 0}`}`;
  await trx.insertInto('assignmentCursors').values({ scopeKey: key, lastUserId: null }).onConflict((oc) => oc.column('scopeKey').doUpdateSet((eb) => ({ lastUserId: eb.ref('assignmentCursors.lastUserId') }))).execute();
  const cursor = await trx.selectFrom('assignmentCursors').select('lastUserId').where('scopeKey', '=', key).executeTakeFirstOrThrow();
  const last = cursor.lastUserId ?? 0;
  // Turn order after the last one picked: the tie-breaker of least-busy too, so equal loads take turns.
  const inTurn = [...candidates.filter((id) => id > last), ...candidates.filter((id) => id <= last)];
  let picked = inTurn[0];
  if (settings.ticketRouting === 'least_busy') {
    const load = await openTicketCounts(trx, candidates);
    picked = inTurn.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), inTurn[0]);
  }
  await trx.updateTable('assignmentCursors').set({ lastUserId: picked }).where('scopeKey', '=', key).execute();
  return picked;
}
