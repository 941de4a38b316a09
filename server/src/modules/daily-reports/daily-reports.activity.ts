import type { DailyActivity } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayEnd, dayStart } from '../../db/time.ts';

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** A person's follow-ups, completed tasks and opportunity stage moves on one calendar day of the company. */
export async function activityOfDay(db: Kysely<DB>, userId: number, date: string, timezone: string): Promise<DailyActivity> {
  const from = dayStart(date, timezone);
  const to = dayEnd(date, timezone);
  const [followups, tasksDone, moves] = await Promise.all([
    db
      .selectFrom('followups')
      .innerJoin('customers', 'customers.id', 'followups.customerId')
      .select(['followups.id', 'followups.customerId', 'customers.name as customerName', 'followups.type', 'followups.occurredAt', 'followups.content'])
      .where('followups.ownerId', '=', userId)
      .where('followups.deletedAt', 'is', null)
      .where('followups.occurredAt', '>=', from)
      .where('followups.occurredAt', '<=', to)
      .orderBy('followups.occurredAt')
      .limit(200)
      .execute(),
    db
      .selectFrom('tasks')
      .select(['id', 'subject', 'completedAt'])
      .where('ownerId', '=', userId)
      .where('deletedAt', 'is', null)
      .where('status', '=', 'done')
      .where('completedAt', '>=', from)
      .where('completedAt', '<=', to)
      .orderBy('completedAt')
      .limit(200)
      .execute(),
    db
      .selectFrom('opportunityStageHistory as h')
      .innerJoin('opportunities as o', 'o.id', 'h.opportunityId')
      .innerJoin('pipelineStages as toStage', 'toStage.id', 'h.toStageId')
      .leftJoin('pipelineStages as fromStage', 'fromStage.id', 'h.fromStageId')
      .select(['o.id', 'o.name', 'fromStage.code as fromStage', 'toStage.code as toStage', 'h.changedAt'])
      .where('h.changedBy', '=', userId)
      .where('o.deletedAt', 'is', null)
      .where('h.changedAt', '>=', from)
      .where('h.changedAt', '<=', to)
      .orderBy('h.changedAt')
      .limit(200)
      .execute(),
  ]);
  return {
    followups: followups.map((f) => ({ ...f, customerId: f.customerId as number, content: excerpt(f.content) })),
    tasksDone: tasksDone.map((t) => ({ ...t, completedAt: t.completedAt as string })),
    opportunitiesMoved: moves,
  };
}

/** The text a new report starts from, in the writer's language; they edit it before submitting. */
export function draftSummary(activity: DailyActivity, locale: string): string {
  const zh = locale === 'zh-CN';
  const lines: string[] = [];
  if (activity.followups.length) {
    lines.push(zh ? `跟进客户 ${activity.followups.length} 次：` : `${activity.followups.length} follow-ups:`);
    for (const f of activity.followups) lines.push(`- ${f.customerName}${zh ? '：' : ': '}${f.content}`);
  }
  if (activity.tasksDone.length) {
    lines.push(zh ? `完成任务 ${activity.tasksDone.length} 项：` : `${activity.tasksDone.length} tasks done:`);
    for (const t of activity.tasksDone) lines.push(`- ${t.subject}`);
  }
  if (activity.opportunitiesMoved.length) {
    lines.push(zh ? `推进商机 ${activity.opportunitiesMoved.length} 次：` : `${activity.opportunitiesMoved.length} opportunity moves:`);
    for (const o of activity.opportunitiesMoved) lines.push(`- ${o.name}`);
  }
  return lines.join('\n');
}
