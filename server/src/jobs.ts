import { type GiveUpHandlers, type JobHandlers, purgeFinishedJobs, type Recurring } from './platform/jobs.ts';
import { compactDataChanges } from './platform/data-versions.ts';
import { checkStatutoryYears } from './modules/calendar/index.ts';
import { dailyChurnRisks, dailyForecastSnapshot, dailyRfm } from './modules/analyses/index.ts';
import { monthlyStatements } from './modules/commission/index.ts';
import { anniversaryReminderSweep, remindAnniversary } from './modules/contacts/index.ts';
import { scheduledBackup } from './modules/backup/index.ts';
import { sendNotificationEmail } from './modules/notifications/index.ts';
import { contractSweep, remindRenewal } from './modules/contracts/index.ts';
import { overdueReminderSweep, remindOverdue } from './modules/payments/index.ts';
import { expireQuotes } from './modules/quotes/index.ts';
import { deliverDueReports, sendScheduledReport } from './modules/reports/index.ts';
import { remindFollowup } from './modules/followups/index.ts';
import { failAbandonedImports } from './modules/imports/index.ts';
import { autoReturnSweep } from './modules/pool/index.ts';
import { remindTask } from './modules/tasks/index.ts';
import { slaSweep } from './modules/tickets/index.ts';
import { deliverDueWebhooks } from './modules/webhooks/index.ts';
import { pollMailboxes, runMailboxSync } from './modules/mailboxes/index.ts';
import { giveUpEmailSend, runEmailSendJob } from './modules/campaign-emails/index.ts';
import { advanceSequences } from './modules/campaign-sequences/index.ts';
import { nightlyScoring, recomputeAll } from './modules/scoring/index.ts';
import { expirePoints, reviewLevels } from './modules/membership/index.ts';
import { withReplicaReads } from './db/replica-reads.ts';

/** Every kind of background job and the periodic sweeps; the server runs them, tests call them directly. */
export const jobHandlers: JobHandlers = {
  'pool.autoReturn': (ctx) => autoReturnSweep(ctx),
  'task.remind': remindTask,
  'followup.remind': remindFollowup,
  'anniversary.sweep': (ctx) => anniversaryReminderSweep(ctx),
  'anniversary.remind': remindAnniversary,
  'notification.email': sendNotificationEmail,
  'quote.expire': (ctx) => expireQuotes(ctx),
  'receivable.sweep': (ctx) => overdueReminderSweep(ctx),
  'instalment.overdue': remindOverdue,
  'contract.sweep': (ctx) => contractSweep(ctx),
  'contract.renewal': remindRenewal,
  'jobs.purge': (ctx) => purgeFinishedJobs(ctx),
  'dataChanges.compact': (ctx) => compactDataChanges(ctx.db, ctx.dialect),
  'calendar.check': async (ctx) => void (await checkStatutoryYears(ctx.db)),
  'imports.reclaim': async (ctx) => void (await failAbandonedImports(ctx, ctx.config.workLockTimeoutMs)),
  'backup.daily': (ctx) => scheduledBackup(ctx),
  'rfm.daily': (ctx) => dailyRfm(ctx),
  'churn.daily': (ctx) => dailyChurnRisks(ctx),
  'forecast.snapshot': (ctx) => dailyForecastSnapshot(ctx),
  'commission.monthly': (ctx) => monthlyStatements(ctx),
  'reports.deliver': (ctx) => deliverDueReports(ctx),
  // A scheduled report is a heavy read like the report page: the read replica may answer it.
  'report.send': (ctx, payload) => withReplicaReads(() => sendScheduledReport(ctx, payload)),
  'mailboxes.poll': (ctx) => pollMailboxes(ctx),
  'mailbox.sync': runMailboxSync,
  'webhooks.deliver': async (ctx) => void (await deliverDueWebhooks(ctx)),
  'campaignEmail.send': runEmailSendJob,
  // Campaign sequences: members move on through their steps (a run also starts at once when one starts).
  'campaignSequences.advance': async (ctx) => void (await advanceSequences(ctx)),
  // Lead scoring: every score worked out again after rules change; decay and "no activity" once a day.
  'scoring.recompute': (ctx) => recomputeAll(ctx),
  'scoring.nightly': (ctx) => nightlyScoring(ctx),
  // Membership: points credited in year Y end once year Y + N is over; levels follow the 12-month spend.
  'membership.expire': async (ctx) => void (await expirePoints(ctx)),
  'membership.levels': async (ctx) => void (await reviewLevels(ctx)),
  'ticket.sla': async (ctx) => {
    await slaSweep(ctx);
  },
};

/** What a run failed for good leaves behind, for the kinds whose records would otherwise stay "in progress". */
export const jobGiveUps: GiveUpHandlers = {
  'campaignEmail.send': giveUpEmailSend,
};

export const recurringJobs: Recurring[] = [
  { kind: 'pool.autoReturn', everyMinutes: 60 },
  // Slots are aligned to UTC days: 08:00 in China, the start of a working day there.
  { kind: 'anniversary.sweep', everyMinutes: 24 * 60 },
  { kind: 'quote.expire', everyMinutes: 60 },
  { kind: 'receivable.sweep', everyMinutes: 24 * 60 },
  { kind: 'contract.sweep', everyMinutes: 24 * 60 },
  { kind: 'ticket.sla', everyMinutes: 1 },
  { kind: 'jobs.purge', everyMinutes: 24 * 60 },
  // PostgreSQL: the rows that stand for writes since, folded into each table's version (reading it counts them).
  { kind: 'dataChanges.compact', everyMinutes: 1 },
  // Whether this year's (and from November the next year's) statutory holiday schedule is known.
  { kind: 'calendar.check', everyMinutes: 24 * 60 },
  // Imports whose server instance stopped (another instance's job runs are taken back as they poll).
  { kind: 'imports.reclaim', everyMinutes: 1 },
  { kind: 'backup.daily', everyMinutes: 24 * 60 },
  // Customer value is scored once a day.
  { kind: 'rfm.daily', everyMinutes: 24 * 60 },
  // So is churn risk (a follow-up takes a customer off the list at once; orders, receivables and tickets by then).
  { kind: 'churn.daily', everyMinutes: 24 * 60 },
  // The first run in a month takes its forecast, to be measured against what is won in it.
  { kind: 'forecast.snapshot', everyMinutes: 24 * 60 },
  // On the first day of a month (company time), last month's commission statements are computed as drafts.
  { kind: 'commission.monthly', everyMinutes: 24 * 60 },
  // Scheduled reports go out on the hour: a sweep every five minutes sends each within five minutes of it.
  { kind: 'reports.deliver', everyMinutes: 5 },
  // Mailboxes are read every five minutes (polling; a sync of a mailbox already running is skipped).
  { kind: 'mailboxes.poll', everyMinutes: 5 },
  // Webhook deliveries: queued with each change (which also asks for a run within ten seconds); this sends retries when due.
  { kind: 'webhooks.deliver', everyMinutes: 1 },
  // Campaign sequences: due members are taken through their next step.
  { kind: 'campaignSequences.advance', everyMinutes: 1 },
  // Lead scoring's decay and "no activity" reasons.
  { kind: 'scoring.nightly', everyMinutes: 24 * 60 },
  // Daily: the first run after a year end writes that year's expiry off; later runs find nothing left.
  { kind: 'membership.expire', everyMinutes: 24 * 60 },
  // Nightly level review by rolling 12-month spend.
  { kind: 'membership.levels', everyMinutes: 24 * 60 },
];
