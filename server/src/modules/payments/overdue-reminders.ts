import { fromMinorUnits } from '@relate/common';
import dayjs from 'dayjs';
import { todayIn } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import { findInstalmentForReminder, instalmentsDueBetween } from './instalments.repository.ts';

/** A due date passed while no server ran is still told, this many days late at most. */
const graceDays = 3;

/** Daily sweep: each instalment that has just become overdue gets one reminder to its owner. */
export async function overdueReminderSweep(ctx: AppContext): Promise<void> {
  const { timezone } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  const since = dayjs(today).subtract(graceDays, 'day').format('YYYY-MM-DD');
  const rows = await instalmentsDueBetween(ctx.db, since, today);
  const runAt = new Date().toISOString();
  for (const row of rows)
    await scheduleJob(ctx.db, {
      kind: 'instalment.overdue',
      runAt,
      payload: { id: row.id },
      dedupeKey: `instalment.overdue:${row.id}:${row.dueDate}`,
    });
}

/** Job: tells the owner that an instalment is overdue, if it still is. */
export async function remindOverdue(ctx: AppContext, payload: unknown): Promise<void> {
  const { id } = payload as { id: number };
  const row = await findInstalmentForReminder(ctx.db, id);
  if (!row || row.ownerId === null || Number(row.received) >= Number(row.amount)) return;
  await notify(ctx.db, [
    {
      userId: row.ownerId,
      kind: 'paymentOverdue',
      entity: 'orders',
      entityId: row.orderId,
      params: {
        name: row.name,
        number: row.number,
        amount: fromMinorUnits(Number(row.amount) - Number(row.received)),
        date: row.dueDate,
      },
    },
  ]);
}
