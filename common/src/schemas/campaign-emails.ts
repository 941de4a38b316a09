import { z } from 'zod';
import { RecordId } from './common.ts';

/** Why a member is not mailed by a campaign email send. */
export const campaignEmailSkipReasons = [
  'notContact',
  'notVisible',
  'noAddress',
  'noConsent',
  'suppressed',
  'unsubscribed',
] as const;
export type CampaignEmailSkipReason = (typeof campaignEmailSkipReasons)[number];

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
  skipped: z.partialRecord(z.enum(campaignEmailSkipReasons), z.number()),
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
  skipped: z.partialRecord(z.enum(campaignEmailSkipReasons), z.number()),
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
