import { type CallListPurpose, fromMinorUnits, type Locale } from '@relate/common';
import dayjs from 'dayjs';
import { z } from 'zod';
import { todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { scopeFor } from '../../platform/scope.ts';
import { upcomingAnniversaries } from '../contacts/index.ts';
import { listDictionaryOptions } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './sources.repository.ts';

/** One record a source puts on a list: who is called, at which number, about what. */
export type SourceEntry = {
  /** Unique within the source: a refresh adds only the records a list does not hold yet. */
  key: string;
  /** The person (or company) called. */
  name: string;
  phone: string | null;
  customerId: number | null;
  contactId: number | null;
  /** Set by the sources that call leads. */
  leadId?: number | null;
  ticketId: number | null;
  instalmentId: number | null;
  /** The record's owner, for assignment by owner. */
  recordOwnerId: number | null;
  /** The source's own facts, each a merge field of the script. */
  details: Record<string, string | number | null>;
};

export type SourceParam = {
  name: string;
  /** segment, savedReport: the id of one the builder sees (the form offers a choice). */
  type: 'number' | 'string' | 'boolean' | 'segment' | 'savedReport';
  default?: unknown;
};

/**
 * Where a call list's entries come from. The built-in sources are below; a segment (modules/segments) or a
 * saved report plugs in by calling `registerCallListSource` from its own module with a source of kind
 * `segment` or `report` (params `{ segmentId }` / `{ reportId }`), whose `entries` read its members as the
 * actor may see them. Nothing else changes: lists, assignment, the dialer and the reports take any source.
 */
export type CallListSource = {
  kind: string;
  /** The purpose a list built from it usually has (the form's default). */
  purpose: CallListPurpose;
  params: SourceParam[];
  /** Checks the params (a 400 with field messages otherwise). */
  schema: z.ZodType<Record<string, unknown>>;
  /** The merge fields its entries carry in `details`. */
  fields: string[];
  /** The records, as `actor` may see them (data scopes), at most `limit`. */
  entries(ctx: AppContext, actor: Actor, params: Record<string, unknown>, limit: number): Promise<SourceEntry[]>;
};

const sources = new Map<string, CallListSource>();

/** Makes a source available to call lists (built-in ones here; a segment or report source from its module). */
export function registerCallListSource(source: CallListSource): void {
  sources.set(source.kind, source);
}

export function callListSource(kind: string): CallListSource | undefined {
  return sources.get(kind);
}

export function callListSources(): CallListSource[] {
  return [...sources.values()];
}

// ——— Shared by the built-in sources ———

const numberOf = (...numbers: Array<string | null | undefined>) => numbers.find((n) => n && n.trim()) ?? null;

type ContactToCall = Awaited<ReturnType<typeof repo.contactsOfCustomers>>[number];

/** Each customer's contact to call: the primary one with a number, else the first with one, else the primary. */
async function contactsToCall(ctx: AppContext, customerIds: number[]): Promise<Map<number, ContactToCall>> {
  const byCustomer = new Map<number, ContactToCall>();
  for (const contact of await repo.contactsOfCustomers(ctx.db, customerIds)) {
    const chosen = byCustomer.get(contact.customerId);
    if (!chosen || (!numberOf(chosen.mobile, chosen.phone) && numberOf(contact.mobile, contact.phone)))
      byCustomer.set(contact.customerId, contact);
  }
  return byCustomer;
}

const label = (locale: Locale, option: { labelZh: string; labelEn: string } | undefined, code: string) =>
  option ? (locale === 'en' ? option.labelEn : option.labelZh) : code;

const days = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The kinds of record a segment or a report selects. */
export type CalledRecordKind = 'customers' | 'contacts' | 'leads';

/** The merge fields of entries made by `recordEntries`. */
export const recordEntryFields = ['recordName', 'leadCompany'];

/**
 * Call-list entries for records another module has chosen (a segment's members, a report's records), in the
 * order given: a customer through its contact to call, a contact or a lead at their own numbers. The caller
 * has already applied the actor's data scope; records deleted since are left out.
 */
export async function recordEntries(ctx: AppContext, kind: CalledRecordKind, ids: number[]): Promise<SourceEntry[]> {
  if (kind === 'customers') {
    const [customers, contacts] = await Promise.all([repo.customersByIds(ctx.db, ids), contactsToCall(ctx, ids)]);
    const byId = new Map(customers.map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const customer = byId.get(id);
      if (!customer) return [];
      const contact = contacts.get(id);
      return [
        {
          key: `customer:${id}`,
          name: contact?.name ?? customer.name,
          phone: numberOf(contact?.mobile, contact?.phone, customer.phone),
          customerId: id,
          contactId: contact?.id ?? null,
          ticketId: null,
          instalmentId: null,
          recordOwnerId: customer.ownerId,
          details: { recordName: customer.name, leadCompany: null },
        },
      ];
    });
  }
  if (kind === 'contacts') {
    const byId = new Map((await repo.contactsByIds(ctx.db, ids)).map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const contact = byId.get(id);
      if (!contact) return [];
      return [
        {
          key: `contact:${id}`,
          name: contact.name,
          phone: numberOf(contact.mobile, contact.phone),
          customerId: contact.customerId,
          contactId: id,
          ticketId: null,
          instalmentId: null,
          recordOwnerId: contact.ownerId,
          details: { recordName: contact.name, leadCompany: null },
        },
      ];
    });
  }
  const byId = new Map((await repo.leadsByIds(ctx.db, ids)).map((l) => [l.id, l]));
  return ids.flatMap((id) => {
    const lead = byId.get(id);
    if (!lead) return [];
    return [
      {
        key: `lead:${id}`,
        name: lead.name,
        phone: numberOf(lead.mobile, lead.phone),
        customerId: lead.convertedCustomerId,
        contactId: lead.convertedContactId,
        leadId: id,
        ticketId: null,
        instalmentId: null,
        recordOwnerId: lead.ownerId,
        details: { recordName: lead.name, leadCompany: lead.company },
      },
    ];
  });
}

// ——— The built-in sources ———

registerCallListSource({
  kind: 'overdueInstalments',
  purpose: 'dunning',
  params: [{ name: 'minDaysOverdue', type: 'number', default: 1 }],
  schema: z.object({ minDaysOverdue: days(3650, 1) }),
  fields: ['overdueAmount', 'currency', 'overdueCount', 'oldestDueDate', 'daysOverdue', 'orderNumber'],
  async entries(ctx, actor, params, limit) {
    const { timezone } = await getSettings(ctx.db);
    const today = todayIn(timezone);
    const cutoff = dayjs(today).subtract(Number(params.minDaysOverdue), 'day').format('YYYY-MM-DD');
    // Receivables follow the orders' data scope.
    const groups = await repo.overdueByCustomer(ctx.db, await scopeFor(ctx.db, actor, 'orders'), cutoff, limit);
    const customerIds = [...new Set(groups.map((g) => g.customerId))];
    const [customers, contacts, headings] = await Promise.all([
      repo.customersByIds(ctx.db, customerIds),
      contactsToCall(ctx, customerIds),
      repo.instalmentHeadings(
        ctx.db,
        groups.map((g) => g.instalmentId).filter((id): id is number => id !== null),
      ),
    ]);
    const customerById = new Map(customers.map((c) => [c.id, c]));
    const headingById = new Map(headings.map((h) => [h.id, h]));
    return groups.map((group) => {
      const customer = customerById.get(group.customerId);
      const contact = contacts.get(group.customerId);
      const heading = group.instalmentId ? headingById.get(Number(group.instalmentId)) : undefined;
      return {
        key: `customer:${group.customerId}:${group.currency}`,
        name: contact?.name ?? customer?.name ?? '',
        phone: numberOf(contact?.mobile, contact?.phone, customer?.phone),
        customerId: group.customerId,
        contactId: contact?.id ?? null,
        ticketId: null,
        instalmentId: group.instalmentId === null ? null : Number(group.instalmentId),
        recordOwnerId: customer?.ownerId ?? null,
        details: {
          overdueAmount: fromMinorUnits(Number(group.outstanding)),
          currency: group.currency,
          overdueCount: Number(group.count),
          oldestDueDate: String(group.oldestDue),
          daysOverdue: dayjs(today).diff(dayjs(String(group.oldestDue)), 'day'),
          orderNumber: heading?.orderNumber ?? null,
        },
      };
    });
  },
});

registerCallListSource({
  kind: 'ticketCallbacks',
  purpose: 'callback',
  params: [],
  schema: z.object({}),
  fields: ['ticketNumber', 'ticketSubject', 'resolvedAt'],
  async entries(ctx, actor, _params, limit) {
    const tickets = await repo.ticketsAwaitingCallback(ctx.db, await scopeFor(ctx.db, actor, 'tickets'), limit);
    return tickets.map((ticket) => ({
      key: `ticket:${ticket.id}`,
      name: ticket.contactName ?? ticket.requesterName ?? ticket.customerName ?? ticket.number,
      phone: numberOf(ticket.contactMobile, ticket.contactPhone, ticket.requesterPhone, ticket.customerPhone),
      customerId: ticket.customerId,
      contactId: ticket.contactId,
      ticketId: ticket.id,
      instalmentId: null,
      recordOwnerId: ticket.ownerId,
      details: { ticketNumber: ticket.number, ticketSubject: ticket.subject, resolvedAt: ticket.resolvedAt },
    }));
  },
});

registerCallListSource({
  kind: 'anniversaries',
  purpose: 'anniversary',
  params: [{ name: 'days', type: 'number', default: 7 }],
  schema: z.object({ days: days(31, 7) }),
  fields: ['anniversaryType', 'anniversaryDate', 'daysLeft'],
  async entries(ctx, actor, params, limit) {
    const upcoming = (await upcomingAnniversaries(ctx, actor, Number(params.days))).slice(0, limit);
    const [contacts, types] = await Promise.all([
      repo.contactsByIds(ctx.db, [...new Set(upcoming.map((a) => a.contactId))]),
      listDictionaryOptions(ctx.db, 'anniversary_type'),
    ]);
    const contactById = new Map(contacts.map((c) => [c.id, c]));
    const typeByCode = new Map(types.map((o) => [o.code, o]));
    return upcoming.map((anniversary) => {
      const contact = contactById.get(anniversary.contactId);
      return {
        key: `anniversary:${anniversary.id}:${anniversary.nextDate}`,
        name: anniversary.contactName,
        phone: numberOf(contact?.mobile, contact?.phone),
        customerId: anniversary.customerId,
        contactId: anniversary.contactId,
        ticketId: null,
        instalmentId: null,
        recordOwnerId: contact?.ownerId ?? null,
        details: {
          anniversaryType: label(actor.locale, typeByCode.get(anniversary.type), anniversary.type),
          anniversaryDate: anniversary.nextDate,
          daysLeft: anniversary.daysLeft,
        },
      };
    });
  },
});

registerCallListSource({
  kind: 'newCustomers',
  purpose: 'welcome',
  params: [{ name: 'days', type: 'number', default: 7 }],
  schema: z.object({ days: days(31, 7) }),
  fields: ['customerSince'],
  async entries(ctx, actor, params, limit) {
    const { timezone } = await getSettings(ctx.db);
    // "This week": the customers created in the last `days` days, counted in whole company days.
    const since = dayjs
      .tz(todayIn(timezone), timezone)
      .subtract(Number(params.days) - 1, 'day')
      .toISOString();
    const customers = await repo.customersCreatedSince(
      ctx.db,
      await scopeFor(ctx.db, actor, 'customers'),
      since,
      limit,
    );
    const contacts = await contactsToCall(
      ctx,
      customers.map((c) => c.id),
    );
    return customers.map((customer) => {
      const contact = contacts.get(customer.id);
      return {
        key: `customer:${customer.id}`,
        name: contact?.name ?? customer.name,
        phone: numberOf(contact?.mobile, contact?.phone, customer.phone),
        customerId: customer.id,
        contactId: contact?.id ?? null,
        ticketId: null,
        instalmentId: null,
        recordOwnerId: customer.ownerId,
        details: { customerSince: dayjs(customer.createdAt).tz(timezone).format('YYYY-MM-DD') },
      };
    });
  },
});

const missingWords: Record<Locale, Record<'email' | 'title' | 'birthday', string>> = {
  'zh-CN': { email: '邮箱', title: '职务', birthday: '生日' },
  en: { email: 'email', title: 'job title', birthday: 'birthday' },
};

registerCallListSource({
  kind: 'incompleteData',
  purpose: 'confirmation',
  params: [],
  schema: z.object({}),
  fields: ['missingFields'],
  async entries(ctx, actor, _params, limit) {
    const contacts = await repo.contactsMissingData(ctx.db, await scopeFor(ctx.db, actor, 'contacts'), limit);
    const words = missingWords[actor.locale];
    return contacts.map((contact) => ({
      key: `contact:${contact.id}`,
      name: contact.name,
      phone: numberOf(contact.mobile, contact.phone),
      customerId: contact.customerId,
      contactId: contact.id,
      ticketId: null,
      instalmentId: null,
      recordOwnerId: contact.ownerId,
      details: {
        missingFields: (['email', 'title', 'birthday'] as const)
          .filter((field) => !contact[field])
          .map((field) => words[field])
          .join(actor.locale === 'en' ? ', ' : '、'),
      },
    }));
  },
});
