import type { TicketCoverage, UsageInput } from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getAsset, getServiceContract } from '../assets/index.ts';
import { insertServiceUsage } from './tickets.repository.ts';
import { getTicket } from './tickets.service.ts';

/** What covers a ticket: the asset's warranty and the service contract it was opened under. */
export async function ticketCoverage(ctx: AppContext, actor: Actor, id: number): Promise<TicketCoverage> {
  const ticket = await getTicket(ctx, actor, id);
  const asset = ticket.assetId ? await getAsset(ctx, actor, ticket.assetId).catch(() => null) : null;
  const serviceContract = ticket.serviceContractId
    ? await getServiceContract(ctx, actor, ticket.serviceContractId).catch(() => null)
    : null;
  return { asset, underWarranty: asset?.underWarranty ?? false, serviceContract };
}

/** Counts visits and working time of a ticket against its service contract. */
export async function recordUsage(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof UsageInput>,
): Promise<TicketCoverage> {
  const ticket = await getTicket(ctx, actor, id);
  if (!ticket.serviceContractId) throw new AppError('CONFLICT', 'noServiceContract');
  const serviceContractId = ticket.serviceContractId;
  await inTransaction(ctx, async (ctx) => {
    await insertServiceUsage(ctx.db, {
      serviceContractId,
      ticketId: id,
      visits: input.visits,
      minutes: input.minutes,
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, {
      action: 'usage',
      entity: 'tickets',
      entityId: id,
      detail: { serviceContractId, visits: input.visits, minutes: input.minutes },
    });
  });
  return ticketCoverage(ctx, actor, id);
}
