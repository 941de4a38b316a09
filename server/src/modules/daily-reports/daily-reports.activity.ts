import type { DailyActivity } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';
import * as repo from './day-activity.repository.ts';

/** The day's records listed in a report; the counts cover all of them. */
const listed = 200;
const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** A person's follow-ups, completed tasks and opportunity stage moves on one calendar day of the company. */
export async function activityOfDay(
  db: Kysely<DB>,
  userId: number,
  date: string,
  timezone: string,
): Promise<DailyActivity> {
  const day = { userId, from: dayStart(date, timezone), to: dayEnd(date, timezone) };
  const [followups, tasksDone, moves, followupCount, taskCount, moveCount] = await Promise.all([
    repo.listFollowupsOfDay(db, day, listed),
    repo.listTasksDoneOfDay(db, day, listed),
    repo.listStageMovesOfDay(db, day, listed),
    repo.countFollowupsOfDay(db, day),
    repo.countTasksDoneOfDay(db, day),
    repo.countStageMovesOfDay(db, day),
  ]);
  return {
    followups: followups.map((f) => ({ ...f, customerId: f.customerId as number, content: excerpt(f.content) })),
    tasksDone: tasksDone.map((t) => ({ ...t, completedAt: t.completedAt as string })),
    opportunitiesMoved: moves,
    counts: { followups: followupCount, tasksDone: taskCount, opportunitiesMoved: moveCount },
  };
}

/** The text a new report starts from, in the writer's language; they edit it before submitting. */
export function draftSummary(activity: DailyActivity, locale: string): string {
  const zh = locale === 'zh-CN';
  const lines: string[] = [];
  const counts = activity.counts ?? {
    followups: activity.followups.length,
    tasksDone: activity.tasksDone.length,
    opportunitiesMoved: activity.opportunitiesMoved.length,
  };
  if (activity.followups.length) {
    lines.push(zh ? `跟进客户 ${counts.followups} 次：` : `${counts.followups} follow-ups:`);
    for (const f of activity.followups) lines.push(`- ${f.customerName}${zh ? '：' : ': '}${f.content}`);
  }
  if (activity.tasksDone.length) {
    lines.push(zh ? `完成任务 ${counts.tasksDone} 项：` : `${counts.tasksDone} tasks done:`);
    for (const t of activity.tasksDone) lines.push(`- ${t.subject}`);
  }
  if (activity.opportunitiesMoved.length) {
    lines.push(zh ? `推进商机 ${counts.opportunitiesMoved} 次：` : `${counts.opportunitiesMoved} opportunity moves:`);
    for (const o of activity.opportunitiesMoved) lines.push(`- ${o.name}`);
  }
  return lines.join('\n');
}
