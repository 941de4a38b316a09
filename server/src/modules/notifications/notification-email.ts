import type { Locale, NotificationKind } from '@relate/common';
import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { hasMailSettings, readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import { findRecipient } from './notifications.repository.ts';
import type { NewNotification } from './notifications.service.ts';

/** Reminders also go out by email when a mail server is configured; other notifications stay in the app. */
const emailedKinds = new Set<NotificationKind>([
  'taskDue',
  'followupDue',
  'anniversary',
  'customerReturning',
  'taskAssigned',
  'leadsAssigned',
  'approvalRequested',
  'paymentOverdue',
  'contractEnding',
  'lowStock',
]);

type Texts = Record<string, (p: Record<string, string>) => string>;
const subjects: Record<Locale, Texts> = {
  'zh-CN': {
    taskDue: (p) => `任务即将到期：${p.subject}`,
    taskAssigned: (p) => `${p.by} 给您分配了任务：${p.subject}`,
    followupDue: (p) => `该跟进 ${p.name} 了`,
    anniversary: (p) => `纪念日提醒：${p.name} ${p.date} ${p.type}`,
    customerReturning: (p) => `${p.name} 将于 ${p.date} 退回公海`,
    leadsAssigned: (p) => `${p.by} 给您分配了 ${p.count} 条线索`,
    approvalRequested: (p) => `${p.title} 待您审批（${p.step}）`,
    contractEnding: (p) => `合同即将到期：${p.name} ${p.number}（${p.date} 到期），请安排续签`,
    paymentOverdue: (p) => `回款逾期：${p.name} ${p.number} 未收 ${p.amount}（${p.date} 到期）`,
    lowStock: (p) => `库存不足：${p.name} 可用 ${p.available}（安全库存 ${p.level}）`,
  },
  en: {
    taskDue: (p) => `Task due soon: ${p.subject}`,
    taskAssigned: (p) => `${p.by} gave you a task: ${p.subject}`,
    followupDue: (p) => `Time to follow up ${p.name}`,
    anniversary: (p) => `Anniversary: ${p.name}, ${p.type} on ${p.date}`,
    customerReturning: (p) => `${p.name} returns to the public pool on ${p.date}`,
    leadsAssigned: (p) => `${p.by} assigned ${p.count} lead(s) to you`,
    approvalRequested: (p) => `${p.title} waits for your approval (${p.step})`,
    contractEnding: (p) => `Contract ending: ${p.name} ${p.number} ends on ${p.date}; time to renew`,
    paymentOverdue: (p) => `Payment overdue: ${p.name} ${p.number}, ${p.amount} was due on ${p.date}`,
    lowStock: (p) => `Low stock: ${p.name} has ${p.available} available (reorder level ${p.level})`,
  },
};

/** Queues an email per reminder for people with an address, in the same transaction as the notification. */
export async function queueNotificationEmails(trx: Kysely<DB>, items: NewNotification[]): Promise<void> {
  const wanted = items.filter((n) => emailedKinds.has(n.kind));
  if (!wanted.length || !(await hasMailSettings(trx))) return;
  const runAt = new Date().toISOString();
  for (const item of wanted) await scheduleJob(trx, { kind: 'notification.email', runAt, payload: item });
}

/** Job: writes the reminder in the recipient's language and sends it; a refused message fails the job with the reason recorded. */
export async function sendNotificationEmail(ctx: AppContext, payload: unknown): Promise<void> {
  const item = payload as NewNotification;
  const [mail, user, settings] = await Promise.all([
    readMailSettings(ctx.db, ctx.config.sessionSecret),
    findRecipient(ctx.db, item.userId),
    getSettings(ctx.db),
  ]);
  if (!mail || !user?.email || user.status !== 'active') return;
  const locale: Locale = user.locale === 'en' ? 'en' : 'zh-CN';
  const params = Object.fromEntries(
    Object.entries(item.params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)
        ? dayjs(v).tz(settings.timezone).format('YYYY-MM-DD HH:mm')
        : String(v ?? ''),
    ]),
  );
  const subject = subjects[locale][item.kind]?.(params) ?? item.kind;
  const footer = locale === 'en' ? `— ${settings.companyName} · Relate CRM` : `—— ${settings.companyName} · Relate CRM`;
  const details = [
    params.dueAt && `${locale === 'en' ? 'Due' : '到期时间'}: ${params.dueAt}`,
    params.nextStep && `${locale === 'en' ? 'Next step' : '下一步'}: ${params.nextStep}`,
    params.reason && `${locale === 'en' ? 'Reason' : '原因'}: ${params.reason}`,
  ].filter(Boolean);
  await sendMail(mail, { to: user.email, subject, text: [subject, ...details, '', footer].join('\n') });
}
