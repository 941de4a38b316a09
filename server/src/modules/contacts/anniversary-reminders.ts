import dayjs from 'dayjs';
import { todayIn } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { notify } from '../notifications/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './contacts.repository.ts';
import { anniversaryDateOf, candidateRanges, nextOccurrence } from './anniversary-dates.ts';

/** Reminders usually fall within a month of the day; longer ones are read separately. */
const usualWindowDays = 31;
/** A reminder day missed while no server ran is still told, this many days late at most. */
const graceDays = 2;

/**
 * Daily sweep: each anniversary whose reminder day (N days before the date) has come gets one
 * reminder job per occurrence; the job's key makes it once-only across runs and server instances.
 */
export async function anniversaryReminderSweep(ctx: AppContext): Promise<void> {
  const { timezone } = await getSettings(ctx.db);
  const today = todayIn(timezone);
  const end = dayjs(today).add(usualWindowDays, 'day').format('YYYY-MM-DD');
  const rows = await repo.anniversariesToRemind(ctx.db, candidateRanges(today, end), usualWindowDays);
  const due = rows.flatMap((row) => {
    const next = nextOccurrence(anniversaryDateOf(row), today);
    const daysLeft = dayjs(next).diff(dayjs(today), 'day');
    const late = row.remindDaysBefore - daysLeft;
    return late >= 0 && late <= graceDays ? [{ id: row.id, occurrence: next }] : [];
  });
  const runAt = new Date().toISOString();
  for (const item of due) {
    await scheduleJob(ctx.db, {
      kind: 'anniversary.remind',
      runAt,
      payload: item,
      dedupeKey: `anniversary.remind:${item.id}:${item.occurrence}`,
    });
  }
}

/** Job: tells the contact's owner of the coming anniversary, in the owner's language. */
export async function remindAnniversary(ctx: AppContext, payload: unknown): Promise<void> {
  const { id, occurrence } = payload as { id: number; occurrence: string };
  const row = await repo.findAnniversaryReminder(ctx.db, id);
  if (!row || row.deletedAt || row.ownerId === null) return;
  const typeLabel = (row.locale === 'en' ? row.labelEn : row.labelZh) ?? row.type;
  await notify(ctx.db, [
    {
      userId: row.ownerId,
      kind: 'anniversary',
      entity: 'contacts',
      entityId: row.contactId,
      params: { name: row.name, type: typeLabel, date: occurrence },
    },
  ]);
}
