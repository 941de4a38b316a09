import { nowIso } from '../../db/time.ts';
import { systemActor } from '../../platform/actor.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './auto-return.repository.ts';
import { homePool, moveToPool } from './pool.service.ts';

const day = 86_400_000;
const batch = 500;

/**
 * The periodic sweep of the public pool rules: customers past a rule return to their pool (the
 * previous owner is told), and owners are warned once a few days before it happens.
 */
export async function autoReturnSweep(ctx: AppContext): Promise<void> {
  const settings = await getSettings(ctx.db);
  const now = Date.now();
  const rules: Array<[repo.ReturnReason, number]> = [
    ['noFollowup', settings.poolReturnNoFollowupDays],
    ['noDeal', settings.poolReturnNoDealDays],
  ];
  for (const [reason, days] of rules) {
    if (days <= 0) continue;
    const cutoff = new Date(now - days * day).toISOString();
    for (;;) {
      const due = await repo.listCustomersDue(ctx.db, reason, cutoff, batch);
      if (!due.length) break;
      await inTransaction(ctx, async (ctx) => {
        for (const departmentId of new Set(due.map((c) => c.departmentId))) {
          const ids = due.filter((c) => c.departmentId === departmentId).map((c) => c.id);
          await moveToPool(ctx.db, systemActor, ids, await homePool(ctx.db, departmentId), 'return', reason);
        }
        await notify(
          ctx.db,
          due.map((c) => ({
            userId: c.ownerId!,
            kind: 'customerReturned' as const,
            entity: 'customers',
            entityId: c.id,
            params: { name: c.name, reason },
          })),
        );
      });
      if (due.length < batch) break;
    }
    if (settings.poolWarnDaysBefore > 0) {
      const warnCutoff = new Date(now - (days - settings.poolWarnDaysBefore) * day).toISOString();
      const soon = await repo.listUnwarnedCustomersDue(ctx.db, reason, warnCutoff, 5000);
      if (!soon.length) continue;
      const returnDate = new Date(now + settings.poolWarnDaysBefore * day).toISOString().slice(0, 10);
      await inTransaction(ctx, async (ctx) => {
        await repo.markReturnWarned(
          ctx.db,
          soon.map((c) => c.id),
          nowIso(),
        );
        await notify(
          ctx.db,
          soon.map((c) => ({
            userId: c.ownerId!,
            kind: 'customerReturning' as const,
            entity: 'customers',
            entityId: c.id,
            params: { name: c.name, date: returnDate, reason },
          })),
        );
      });
    }
  }
}
