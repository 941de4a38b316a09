import { nowIso } from '../../db/time.ts';
import { systemActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { advanceCampaignMember } from '../campaigns/index.ts';
import { suppressAddress } from '../consent/index.ts';
import type { DeliveryReport } from '../mailboxes/index.ts';
import * as repo from './campaign-emails.repository.ts';

/** An address whose campaign messages bounced softly this many times is suppressed, as after one hard bounce. */
export const softBouncesBeforeSuppression = 3;

/**
 * A delivery report about a campaign message (found by the Message-ID it went out with) that says it failed:
 * the recipient is marked bounced, hard for a permanent failure (5.x.x) and soft for a transient one (4.x.x).
 * A hard bounce ends the member (bounced) and suppresses the address for marketing email; soft bounces do so
 * once the address has bounced softly `softBouncesBeforeSuppression` times. Delays, and reports about other
 * messages, change nothing; a report read twice (the same bounce in two mailboxes) counts once. The
 * suppression does not withdraw anyone's consent: the person never said no, their address stopped working.
 */
export async function recordDeliveryReport(ctx: AppContext, report: DeliveryReport): Promise<void> {
  if (!report.originalMessageId) return;
  const recipient = await repo.findRecipientByMessageId(ctx.db, report.originalMessageId);
  if (!recipient?.email || recipient.bouncedAt) return;
  const failures = report.recipients.filter((r) => r.action === 'failed');
  // A forwarding server may report the address it forwarded to: the only failure of a one-recipient report is ours.
  const failure =
    failures.find((r) => r.address === recipient.email) ?? (report.recipients.length === 1 ? failures[0] : undefined);
  if (!failure) return;
  const kind = failure.status?.startsWith('4') ? 'soft' : 'hard';
  const marked = await repo.markBounced(ctx.db, recipient.id, {
    bouncedAt: nowIso(),
    bounceKind: kind,
    bounceStatus: failure.status,
    bounceDetail: failure.diagnostic,
  });
  if (!marked) return;
  // On the history of the record it was mailed as: a contact, a lead or a customer.
  if (recipient.entity && recipient.entityId)
    await writeAudit(ctx.db, systemActor, {
      action: 'campaignEmailBounced',
      entity: recipient.entity,
      entityId: recipient.entityId,
      detail: {
        campaignId: recipient.campaignId,
        sendId: recipient.sendId,
        kind,
        status: failure.status,
        diagnostic: failure.diagnostic,
      },
    });
  const suppress =
    kind === 'hard' || (await repo.countSoftBounces(ctx.db, recipient.email)) >= softBouncesBeforeSuppression;
  if (kind === 'hard') await advanceCampaignMember(ctx.db, recipient.memberId, 'bounced');
  if (suppress)
    await suppressAddress(ctx.db, systemActor, {
      channel: 'email',
      address: recipient.email,
      reason: [failure.status, failure.diagnostic].filter(Boolean).join(' ').slice(0, 200) || 'bounce',
      source: `bounce:campaign:${recipient.campaignId}`,
      withdrawConsent: false,
    });
}
