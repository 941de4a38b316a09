import { z } from 'zod';
import { PageQuery, Id } from './common.ts';

export * from './saved-views.ts';

export const AuditLog = z.object({
  id: z.number(),
  createdAt: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().nullable(),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditLog = z.infer<typeof AuditLog>;

/**
 * The record an entry is about, named for people: its number or code and its title or name (either may be
 * missing), and its page in the web app. A deleted record keeps the name it had, without a page.
 */
export const RecordRef = z.object({
  entity: z.string(),
  id: z.number(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  /** The record's page in the web app (a path such as /tickets/12); null when it is deleted or has none. */
  url: z.string().nullable(),
  deleted: z.boolean(),
});
export type RecordRef = z.infer<typeof RecordRef>;

/** An audit row with the record it is about, named; null when the kind has no names or the caller may not see it. */
/** An audit row with its record named, and who did it by their display name (null: a system action or a user gone). */
export const NamedAuditLog = AuditLog.extend({ record: RecordRef.nullable(), userDisplayName: z.string().nullable() });
export type NamedAuditLog = z.infer<typeof NamedAuditLog>;

export const AuditQuery = PageQuery.extend({
  entity: z.string().max(50).optional(),
  entityId: Id.optional(),
  userId: Id.optional(),
  action: z.string().max(50).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const timelineKinds = ['followup', 'task', 'change', 'email', 'sms', 'call'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const TimelineQuery = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  kinds: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(timelineKinds)))
    .optional(),
});

export const recycleEntities = ['customers', 'contacts'] as const;
export const RecycleQuery = PageQuery.extend({ entity: z.enum(recycleEntities).default('customers') });
export const RecycleParams = z.object({ entity: z.enum(recycleEntities), id: Id });
export const RecycleItem = z.object({
  id: z.number(),
  entity: z.enum(recycleEntities),
  name: z.string(),
  detail: z.string().nullable(),
  deletedAt: z.string(),
  deletedByName: z.string().nullable(),
  purgeAt: z.string(),
});

export const Attachment = z.object({
  id: z.number(),
  entity: z.string(),
  entityId: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
