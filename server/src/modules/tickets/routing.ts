import type { Settings } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pickInTurn } from '../../platform/fair-pick.ts';
import { usersWithPermission, workersWithPermission } from '../../platform/permission-holders.ts';
import { openTicketCounts } from './tickets.repository.ts';

/**
 * Finds the agent for a ticket nobody named: VIP tickets go to the VIP agents when there are any,
 * others to the team's agents (everyone who works tickets when there is no team; not the
 * administrator for holding every permission) — by turns, or to whoever has the fewest open tickets.
 */
export async function routeTicket(
  trx: Kysely<DB>,
  ticket: { teamId: number | null; vip: boolean },
  settings: Pick<Settings, 'ticketRouting' | 'vipAgentIds'>,
): Promise<number | null> {
  if (settings.ticketRouting === 'manual') return null;
  const agents = await workersWithPermission(trx, 'tickets.edit', ticket.teamId);
  const vipAgents = ticket.vip
    ? (await usersWithPermission(trx, 'tickets.edit')).filter((id) => settings.vipAgentIds.includes(id))
    : [];
  const candidates = vipAgents.length ? vipAgents : agents;
  if (!candidates.length) return null;
  const key = `tickets:${vipAgents.length ? 'vip' : `team:${ticket.teamId ?? 0}`}`;
  return pickInTurn(
    trx,
    key,
    candidates,
    settings.ticketRouting === 'least_busy' ? (ids) => openTicketCounts(trx, ids) : undefined,
  );
}
