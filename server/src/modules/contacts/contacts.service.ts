import type {
  AnniversaryCalendar,
  Contact,
  ContactInput,
  ContactPatch,
  ContactQuery,
  LeapMonthRule,
  Page,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import dayjs from 'dayjs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { assertWritableFields, hiddenFields, withoutHiddenFields } from '../../platform/field-rules.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { scopeFor } from '../../platform/scope.ts';
import { pinyinSearchValues } from '../../platform/pinyin.ts';
import { searchDocument } from '../../platform/search.ts';
import { findVisibleCustomer, normalizePhone } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import { scoreRecords } from '../scoring/index.ts';
import * as repo from './contacts.repository.ts';
import {
  anniversaryDateOf,
  candidateRanges,
  lunarOf,
  nextOccurrence,
  occurrencesBetween,
} from './anniversary-dates.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';
import { transferOwned } from '../../db/ownership.ts';

type AnniversaryInput = NonNullable<ContactInput['anniversaries']>[number];

const plainFields = [
  'name',
  'gender',
  'title',
  'department',
  'mobile',
  'phone',
  'email',
  'wechat',
  'birthday',
  'decisionRole',
  'remark',
  'language',
] as const;
const auditedFields = [...plainFields, 'customerId', 'isPrimary', 'anniversaries'] as const;

/**
 * The name's pinyin and initials too (read as a person's: 单 shàn), and the numbers' digits, so that
 * "138 0013-8000" and "+86 13800138000" find the same contact.
 */
export const contactSearchValues = (c: {
  name: string;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
}) => [
  c.name,
  ...pinyinSearchValues(c.name, 'person'),
  c.mobile,
  normalizePhone(c.mobile),
  c.phone,
  normalizePhone(c.phone),
  c.email,
  c.wechat,
];

function toContact(row: repo.ContactRow, anniversaries: Contact['anniversaries'], hidden: string[]): Contact {
  return withoutHiddenFields(
    {
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerName,
      name: row.name,
      gender: row.gender as Contact['gender'],
      title: row.title,
      department: row.department,
      mobile: row.mobile,
      phone: row.phone,
      email: row.email,
      wechat: row.wechat,
      birthday: row.birthday,
      isPrimary: Boolean(row.isPrimary),
      decisionRole: row.decisionRole,
      remark: row.remark,
      language: (row.language as Contact['language']) ?? null,
      ownerId: row.ownerId,
      departmentId: row.departmentId,
      anniversaries,
      score: row.score,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
    hidden,
  );
}

type AnniversaryRow = Awaited<ReturnType<typeof repo.anniversariesOf>> extends Map<number, Array<infer R>> ? R : never;

function anniversaryRows(items: AnniversaryInput[]) {
  return items.map((a) => {
    const lunar = a.calendar === 'lunar' ? lunarOf(a.date) : null;
    return {
      type: a.type,
      date: a.date,
      calendar: a.calendar,
      monthDay: lunar ? lunar.month * 100 + lunar.day : Number(a.date.slice(5, 7)) * 100 + Number(a.date.slice(8, 10)),
      lunarLeap: lunar?.leap ? 1 : 0,
      leapRule: a.leapRule,
      remindDaysBefore: a.remindDaysBefore,
      remark: a.remark ?? null,
    };
  });
}

function lunarDateOf(row: Pick<AnniversaryRow, 'calendar' | 'monthDay' | 'lunarLeap'>) {
  return row.calendar === 'lunar'
    ? { month: Math.floor(row.monthDay / 100), day: row.monthDay % 100, leap: Boolean(row.lunarLeap) }
    : null;
}

function toAnniversaries(rows: AnniversaryRow[], today: string): Contact['anniversaries'] {
  return rows
    .map((row) => ({
      id: row.id,
      contactId: row.contactId,
      type: row.type,
      date: row.date,
      calendar: row.calendar as AnniversaryCalendar,
      lunar: lunarDateOf(row),
      leapRule: row.leapRule as LeapMonthRule,
      nextDate: nextOccurrence(anniversaryDateOf(row), today),
      remindDaysBefore: row.remindDaysBefore,
      remark: row.remark,
    }))
    .sort((a, b) => a.nextDate.localeCompare(b.nextDate) || a.id - b.id);
}

/** What the audit log compares of a contact's anniversaries: what was entered. */
const enteredAnniversaries = (items: Array<AnniversaryInput | Contact['anniversaries'][number]>) =>
  items.map((a) => ({
    type: a.type,
    date: a.date,
    calendar: a.calendar,
    leapRule: a.leapRule,
    remindDaysBefore: a.remindDaysBefore,
    remark: a.remark ?? null,
  }));

const todayOfCompany = async (db: Kysely<DB>) => todayIn((await getSettings(db)).timezone);

function plainColumns(input: Partial<ContactInput>) {
  const values: Record<string, unknown> = {};
  for (const field of plainFields) if (field in input) values[field] = input[field] ?? null;
  return values;
}

export async function listContacts(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof ContactQuery>,
): Promise<Page<Contact>> {
  const scope = await scopeFor(ctx.db, actor, 'contacts');
  const { items, ...total } = await repo.listContacts(ctx.db, ctx.dialect, scope, {
    ...query,
    afterKey: cursorKey('contacts', query),
  });
  const anniversaries = await repo.anniversariesOf(
    ctx.db,
    items.map((r) => r.id),
  );
  const today = await todayOfCompany(ctx.db);
  const hidden = hiddenFields(actor, 'contacts');
  return pageResponse(
    'contacts',
    query,
    items.map((r) => toContact(r, toAnniversaries(anniversaries.get(r.id) ?? [], today), hidden)),
    total,
  );
}

async function readContact(db: Kysely<DB>, actor: Actor, id: number, scoped = true): Promise<Contact> {
  const scope = scoped ? await scopeFor(db, actor, 'contacts') : { kind: 'all' as const };
  const row = orNotFound(await repo.findContact(db, scope, id));
  const anniversaries = await repo.anniversariesOf(db, [id]);
  return toContact(
    row,
    toAnniversaries(anniversaries.get(id) ?? [], await todayOfCompany(db)),
    hiddenFields(actor, 'contacts'),
  );
}

export function getContact(ctx: AppContext, actor: Actor, id: number): Promise<Contact> {
  return readContact(ctx.db, actor, id);
}

/** The customer a contact is attached to must be visible to the caller. */
async function customerFor(ctx: AppContext, actor: Actor, customerId: number) {
  const customer = await findVisibleCustomer(ctx, actor, customerId);
  if (!customer) throw fieldError('customerId', 'unknownCustomer', { value: customerId });
  return customer;
}

/** Inserts a contact in the transaction of `ctx` (see inTransaction; also used when a lead is converted). */
export async function insertContact(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ContactInput>,
): Promise<number> {
  assertWritableFields(actor, 'contacts', input, null);
  const customer = await customerFor(ctx, actor, input.customerId);
  const now = nowIso();
  const [id] = await repo.insertContacts(ctx.db, [
    {
      ...(plainColumns(input) as { name: string }),
      gender: input.gender ?? 'unknown',
      customerId: customer.id,
      isPrimary: input.isPrimary ? 1 : 0,
      ownerId: customer.ownerId,
      departmentId: customer.departmentId,
      searchText: searchDocument(contactSearchValues(input)).text,
      ...createdStamps(actor, now),
    },
  ]);
  if (input.isPrimary) await repo.clearOtherPrimary(ctx.db, customer.id, id);
  if (input.anniversaries?.length) await repo.replaceAnniversaries(ctx.db, id, anniversaryRows(input.anniversaries));
  await scoreRecords(ctx.db, 'contacts', [id]);
  await writeAudit(ctx.db, actor, {
    action: 'create',
    entity: 'contacts',
    entityId: id,
    detail: { name: input.name, customerId: customer.id },
  });
  return id;
}

export async function createContact(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ContactInput>,
): Promise<Contact> {
  const id = await inTransaction(ctx, (ctx) => insertContact(ctx, actor, input));
  return readContact(ctx.db, actor, id, false);
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof ContactPatch>,
): Promise<Contact> {
  await inTransaction(ctx, async (ctx) => {
    const before = await readContact(ctx.db, actor, id);
    const unmasked = toContact(
      orNotFound(await repo.findContact(ctx.db, { kind: 'all' }, id)),
      before.anniversaries,
      [],
    );
    assertWritableFields(actor, 'contacts', patch, unmasked);
    const customer =
      patch.customerId && patch.customerId !== before.customerId
        ? await customerFor(ctx, actor, patch.customerId)
        : null;
    const merged = { ...unmasked, ...patch };
    await repo.updateContact(ctx.db, id, {
      ...plainColumns(patch),
      ...(patch.isPrimary !== undefined ? { isPrimary: patch.isPrimary ? 1 : 0 } : {}),
      ...(customer ? { customerId: customer.id, ownerId: customer.ownerId, departmentId: customer.departmentId } : {}),
      searchText: searchDocument(contactSearchValues(merged)).text,
      ...updatedStamps(actor),
    });
    if (patch.isPrimary) await repo.clearOtherPrimary(ctx.db, merged.customerId, id);
    if (patch.anniversaries) await repo.replaceAnniversaries(ctx.db, id, anniversaryRows(patch.anniversaries));
    await scoreRecords(ctx.db, 'contacts', [id]);
    const after = { ...merged, anniversaries: enteredAnniversaries(patch.anniversaries ?? before.anniversaries) };
    const changes = diffFields({ ...unmasked, anniversaries: enteredAnniversaries(unmasked.anniversaries) }, after, [
      ...auditedFields,
    ]);
    if (changes.length)
      await writeAudit(ctx.db, actor, { action: 'update', entity: 'contacts', entityId: id, changes });
  });
  return readContact(ctx.db, actor, id, false);
}

export async function deleteContact(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const scope = await scopeFor(ctx.db, actor, 'contacts');
  await inTransaction(ctx, async (ctx) => {
    if (!(await repo.idsInScope(ctx.db, scope, [id])).length) throw notFound();
    await repo.updateContact(ctx.db, id, { deletedAt: nowIso(), deletedBy: actor.userId });
    await writeAuditMany(ctx.db, actor, [{ action: 'delete', entity: 'contacts', entityId: id }]);
  });
}

/** Anniversaries in the next `days` days (company time zone), soonest first. */
export async function upcomingAnniversaries(ctx: AppContext, actor: Actor, days: number) {
  const scope = await scopeFor(ctx.db, actor, 'contacts');
  const today = await todayOfCompany(ctx.db);
  const last = dayjs(today).add(days, 'day').format('YYYY-MM-DD');
  const rows = await repo.anniversariesBetween(ctx.db, scope, candidateRanges(today, last));
  return rows
    .map((row) => {
      const nextDate = nextOccurrence(anniversaryDateOf(row), today);
      return {
        id: row.id,
        contactId: row.contactId,
        contactName: row.contactName,
        customerId: row.customerId,
        customerName: row.customerName,
        type: row.type,
        date: row.date,
        calendar: row.calendar as AnniversaryCalendar,
        lunar: lunarDateOf(row),
        nextDate,
        daysLeft: dayjs(nextDate).diff(dayjs(today), 'day'),
      };
    })
    .filter((row) => row.daysLeft <= days)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id);
}

export const contactsOwnership: OwnedEntity = {
  entity: 'contacts',
  transfer: (trx, fromUserId, to) => transferOwned(trx, 'contacts', fromUserId, to, nowIso()),
};

// What other modules read of contacts (the queries stay in the repository).

/** The contact with this id if it belongs to this customer (the caller has checked it may see the customer). */
/** An active contact's email address, for a signed link that names them (an email's unsubscribe link). */
export async function contactEmailOf(db: Kysely<DB>, contactId: number): Promise<string | null> {
  return (await repo.findContact(db, { kind: 'all' }, contactId))?.email ?? null;
}

export async function contactOfCustomer(db: Kysely<DB>, contactId: number, customerId: number | null) {
  const contact = await repo.findContact(db, { kind: 'all' }, contactId);
  return contact && contact.customerId === customerId ? contact : undefined;
}

/** The active contact with this id if the caller may see it; undefined otherwise. */
export async function findVisibleContact(ctx: AppContext, actor: Actor, id: number) {
  return repo.findContact(ctx.db, await scopeFor(ctx.db, actor, 'contacts'), id);
}

/** The contacts of an export in id order, a batch at a time. */
export const contactsForExport = repo.iterateContacts;

/** Contacts whose birthday or anniversary falls within month-day ranges (`candidateAnniversaryRanges`). */
export const contactAnniversaries = repo.anniversariesBetween;
export const candidateAnniversaryRanges = candidateRanges;

/** The days from `first` to `last` on which an anniversary read by `contactAnniversaries` falls. */
export function anniversaryOccurrences(row: Parameters<typeof anniversaryDateOf>[0], first: string, last: string) {
  return occurrencesBetween(anniversaryDateOf(row), first, last);
}

export type { ContactRow } from './contacts.repository.ts';
