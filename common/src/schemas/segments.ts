import { z } from 'zod';
import { rfmClasses } from './analyses.ts';
import { leadStatuses } from './leads.ts';
import { genders } from './contacts.ts';
import type { DictionaryType } from './dictionaries.ts';
import { EnumList, OptionalLongText, PageQuery, RecordId, RequiredName } from './common.ts';

/** What a segment selects. */
export const segmentEntities = ['customers', 'contacts', 'leads'] as const;
export type SegmentEntity = (typeof segmentEntities)[number];
/** Dynamic: a filter evaluated when asked; static: chosen or imported members. */
export const segmentKinds = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof segmentKinds)[number];

/** A field's type decides its operators and the shape of its value. */
export const segmentFieldTypes = [
  'text',
  'number',
  'money',
  'date',
  'choice',
  'multichoice',
  'region',
  'user',
  'department',
  'campaign',
] as const;
export type SegmentFieldType = (typeof segmentFieldTypes)[number];

export const segmentOperators = {
  text: ['eq', 'ne', 'contains', 'notContains', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  money: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  date: ['before', 'after', 'between', 'inLastDays', 'notInLastDays', 'empty', 'notEmpty'],
  choice: ['in', 'notIn', 'empty', 'notEmpty'],
  multichoice: ['anyOf', 'noneOf', 'empty', 'notEmpty'],
  region: ['in', 'notIn'],
  user: ['in', 'notIn'],
  department: ['in', 'notIn'],
  campaign: ['memberOf', 'notMemberOf', 'respondedTo'],
} as const satisfies Record<SegmentFieldType, readonly string[]>;
export type SegmentOperator = (typeof segmentOperators)[SegmentFieldType][number];
/** Operators that take no value. */
export const valuelessOperators: readonly string[] = ['empty', 'notEmpty'];

/**
 * One field a segment may filter on. `options` names where a choice's values come from: a dictionary,
 * a fixed list of codes, or (for a custom field) its own options. `period` fields count or sum behaviour
 * over the last N days (`days` of the condition; all time when absent).
 */
export type SegmentField = {
  key: string;
  type: SegmentFieldType;
  dictionary?: DictionaryType;
  codes?: readonly string[];
  period?: boolean;
  /** A date field that holds an instant (a creation or follow-up time): its days are the company's time zone's. */
  instant?: true;
};

const behaviour = {
  ordersCount: { key: 'ordersCount', type: 'number', period: true },
  revenue: { key: 'revenue', type: 'money', period: true },
  openReceivables: { key: 'openReceivables', type: 'money' },
  ticketCount: { key: 'ticketCount', type: 'number', period: true },
  csat: { key: 'csat', type: 'number', period: true },
  rfmClass: { key: 'rfmClass', type: 'choice', codes: rfmClasses },
  campaign: { key: 'campaign', type: 'campaign' },
} as const satisfies Record<string, SegmentField>;

const owned = [
  { key: 'ownerId', type: 'user' },
  { key: 'departmentId', type: 'department' },
  { key: 'createdAt', type: 'date', instant: true },
] as const satisfies readonly SegmentField[];

/**
 * The fields each entity may be filtered on (custom fields come on top as `cf.<key>`). A contact's
 * `customer.*` fields and behaviour are its customer's; its campaign membership is its own.
 */
export const segmentFields = {
  customers: [
    { key: 'name', type: 'text' },
    { key: 'code', type: 'text' },
    { key: 'level', type: 'choice', dictionary: 'customer_level' },
    { key: 'creditLevel', type: 'choice', dictionary: 'credit_level' },
    { key: 'stage', type: 'choice', dictionary: 'customer_stage' },
    { key: 'industry', type: 'choice', dictionary: 'industry' },
    { key: 'source', type: 'choice', dictionary: 'customer_source' },
    { key: 'region', type: 'region' },
    { key: 'tags', type: 'multichoice' },
    ...owned,
    { key: 'lastFollowupAt', type: 'date', instant: true },
    behaviour.ordersCount,
    behaviour.revenue,
    behaviour.openReceivables,
    behaviour.ticketCount,
    behaviour.csat,
    behaviour.rfmClass,
    behaviour.campaign,
  ],
  contacts: [
    { key: 'name', type: 'text' },
    { key: 'title', type: 'text' },
    { key: 'email', type: 'text' },
    { key: 'gender', type: 'choice', codes: genders },
    { key: 'birthday', type: 'date' },
    { key: 'score', type: 'number' },
    ...owned,
    { key: 'customer.level', type: 'choice', dictionary: 'customer_level' },
    { key: 'customer.industry', type: 'choice', dictionary: 'industry' },
    { key: 'customer.region', type: 'region' },
    { key: 'customer.tags', type: 'multichoice' },
    { key: 'customer.lastFollowupAt', type: 'date', instant: true },
    { ...behaviour.ordersCount, key: 'customer.ordersCount' },
    { ...behaviour.revenue, key: 'customer.revenue' },
    { ...behaviour.openReceivables, key: 'customer.openReceivables' },
    { ...behaviour.ticketCount, key: 'customer.ticketCount' },
    { ...behaviour.csat, key: 'customer.csat' },
    { ...behaviour.rfmClass, key: 'customer.rfmClass' },
    behaviour.campaign,
  ],
  leads: [
    { key: 'name', type: 'text' },
    { key: 'company', type: 'text' },
    { key: 'status', type: 'choice', codes: leadStatuses },
    { key: 'source', type: 'choice', dictionary: 'customer_source' },
    { key: 'industry', type: 'choice', dictionary: 'industry' },
    { key: 'region', type: 'region' },
    { key: 'score', type: 'number' },
    ...owned,
    { key: 'lastFollowupAt', type: 'date', instant: true },
    behaviour.campaign,
  ],
} as const satisfies Record<SegmentEntity, readonly SegmentField[]>;

/** Custom fields of these entities can be filtered on, as `cf.<key>` (contacts keep no custom values yet). */
export const segmentCustomFieldEntities: readonly SegmentEntity[] = ['customers'];
export const customFieldPrefix = 'cf.';
export const maxSegmentDepth = 4;
export const maxSegmentConditions = 50;

/**
 * One condition. Values by type: text a string; number an integer or decimal; money a decimal string
 * ("1200.50"); date an ISO date (`inLastDays` a whole number of days); choice, multichoice, region (a
 * province, or "province/city") a list of strings; user, department, campaign a list of ids. `between`
 * takes a pair. Checked by meaning on the server, with a message per condition.
 */
export const SegmentCondition = z.object({
  field: z.string().trim().min(1).max(80),
  op: z.string().trim().min(1).max(20),
  value: z
    .union([z.string().max(200), z.number(), z.array(z.union([z.string().max(200), z.number()])).max(500), z.null()])
    .optional(),
  /** Behaviour over the last N days (orders, revenue, tickets, CSAT); absent: all time. */
  days: z.number().int().min(1).max(3660).optional(),
});
export type SegmentCondition = z.infer<typeof SegmentCondition>;

export type SegmentGroup = { combinator: 'and' | 'or'; not?: boolean; rules: Array<SegmentGroup | SegmentCondition> };
export const SegmentGroup: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.object({
    combinator: z.enum(['and', 'or']),
    not: z.boolean().optional(),
    rules: z.array(z.union([SegmentGroup, SegmentCondition])).max(maxSegmentConditions),
  }),
);

export function isSegmentGroup(rule: SegmentGroup | SegmentCondition): rule is SegmentGroup {
  return 'combinator' in rule;
}

export const emptySegmentFilter: SegmentGroup = { combinator: 'and', rules: [] };

export const SegmentInput = z.object({
  name: RequiredName,
  entity: z.enum(segmentEntities),
  kind: z.enum(segmentKinds),
  /** The rule of a dynamic segment; a static one has none. */
  filter: SegmentGroup.optional(),
  description: OptionalLongText,
});
export type SegmentInput = z.infer<typeof SegmentInput>;
/** The entity and kind of a segment stay what they were made with. */
export const SegmentPatch = z.object({
  name: RequiredName.optional(),
  filter: SegmentGroup.optional(),
  description: OptionalLongText,
});

export const Segment = z.object({
  id: z.number(),
  name: z.string(),
  entity: z.enum(segmentEntities),
  kind: z.enum(segmentKinds),
  filter: SegmentGroup.nullable(),
  description: z.string().nullable(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof Segment>;

export const SegmentQuery = PageQuery.extend({
  entity: EnumList(segmentEntities),
  kind: EnumList(segmentKinds),
});
export type SegmentQuery = z.infer<typeof SegmentQuery>;

/** Counts the records a filter selects, as the caller sees them: the live count while a segment is edited. */
export const SegmentCountInput = z.object({ entity: z.enum(segmentEntities), filter: SegmentGroup });
export const SegmentCount = z.object({ count: z.number() });

export const SegmentMember = z.object({ id: z.number(), name: z.string(), detail: z.string().nullable() });
export type SegmentMember = z.infer<typeof SegmentMember>;

/** Records the caller sees, added to a static segment (a list's selection, or ids). */
export const SegmentMembersInput = z.object({ ids: z.array(RecordId).min(1).max(1000) });
export const SegmentMembersResult = z.object({ added: z.number(), alreadyMembers: z.number() });

/** Freezes a segment's members, as the caller sees them at this moment, into a campaign. */
export const SegmentFreezeInput = z.object({ segmentId: RecordId });
export const SegmentFreezeResult = z.object({ added: z.number(), alreadyMembers: z.number() });
