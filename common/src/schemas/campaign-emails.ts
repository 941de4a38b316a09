import { z } from 'zod';
import { campaignMemberEntities } from './campaigns.ts';
import { RecordId } from './common.ts';

/**
 * Why a member is not mailed by a campaign email send. `duplicateAddress`: another member of the send has the
 * same address (a lead and the contact it became, a customer and its contact) and is mailed instead.
 * `notContact` is only in reports of sends made when only contacts were mailed.
 */
export const campaignEmailSkipReasons = [
  'notContact',
  'notVisible',
  'noAddress',
  'duplicateAddress',
  'noConsent',
  'suppressed',
  'unsubscribed',
] as const;
export type CampaignEmailSkipReason = (typeof campaignEmailSkipReasons)[number];

const SkipCounts = z.partialRecord(z.enum(campaignEmailSkipReasons), z.number());

/** One kind of member's part of a send (contacts, leads or customers): how many are mailed, and skipped by reason. */
const KindFigures = z.object({ recipients: z.number(), skipped: SkipCounts });
const ByKind = z.partialRecord(z.enum(campaignMemberEntities), KindFigures);

export const campaignEmailSendStatuses = ['queued', 'sending', 'paused', 'cancelled', 'done', 'failed'] as const;
export type CampaignEmailSendStatus = (typeof campaignEmailSendStatuses)[number];

/** The highest throttle: messages per second through the company's mail server. */
export const maxEmailsPerSecond = 50;

/** Starts a send: a marketing template to the campaign's members (a segment frozen into them first, if given). */
export const CampaignEmailSendInput = z.object({
  templateId: RecordId,
  segmentId: RecordId.nullish(),
  perSecond: z.number().int().min(1).max(maxEmailsPerSecond).default(5),
});
export type CampaignEmailSendInput = z.input<typeof CampaignEmailSendInput>;

/** Who a send would mail and who it would skip, before it starts. */
export const CampaignEmailAudienceInput = CampaignEmailSendInput.pick({ templateId: true, segmentId: true });

export const CampaignEmailAudience = z.object({
  recipients: z.number(),
  skipped: SkipCounts,
  byKind: ByKind,
});
export type CampaignEmailAudience = z.infer<typeof CampaignEmailAudience>;

export const CampaignEmailTestInput = z.object({ templateId: RecordId });

export const CampaignEmailSendPatch = z.object({ action: z.enum(['pause', 'resume', 'cancel']) });

const LinkFigures = z.object({ url: z.string(), clicks: z.number(), uniqueClicks: z.number() });

export const CampaignEmailSend = z.object({
  id: z.number(),
  campaignId: z.number(),
  templateId: z.number(),
  templateName: z.string().nullable(),
  segmentId: z.number().nullable(),
  status: z.enum(campaignEmailSendStatuses),
  perSecond: z.number(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The report: members counted by the database, by their state in this send. */
  counts: z.object({
    total: z.number(),
    queued: z.number(),
    sent: z.number(),
    failed: z.number(),
    skipped: z.number(),
  }),
  skipped: SkipCounts,
  /** The same per kind of member: recipients (all but the skipped) and the skipped by reason. */
  byKind: ByKind,
  /** Sent messages a delivery report returned: hard (the address does not exist), soft (full, unreachable). */
  bounces: z.object({ hard: z.number(), soft: z.number() }),
  tracking: z.object({
    opens: z.number(),
    /** Recipients who opened it: loaded the pixel or followed a link (a click is read first). */
    uniqueOpens: z.number(),
    clicks: z.number(),
    uniqueClicks: z.number(),
    links: z.array(LinkFigures),
  }),
});
export type CampaignEmailSend = z.infer<typeof CampaignEmailSend>;
