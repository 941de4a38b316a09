import { type Insertable, type Kysely, sql } from 'kysely';
import type {
  ContactConsentTable,
  CustomerConsentTable,
  DB,
  LeadConsentTable,
  SuppressionTable,
} from '../../db/schema.ts';

export function consentsOfContact(db: Kysely<DB>, contactId: number) {
  return db
    .selectFrom('contactConsents')
    .leftJoin('users', 'users.id', 'contactConsents.changedBy')
    .select([
      'contactConsents.channel',
      'contactConsents.state',
      'contactConsents.source',
      'contactConsents.changedAt',
      'users.displayName as userName',
    ])
    .where('contactConsents.contactId', '=', contactId)
    .execute();
}

export function findConsent(db: Kysely<DB>, contactId: number, channel: ContactConsentTable['channel']) {
  return db
    .selectFrom('contactConsents')
    .select(['state', 'source', 'changedAt'])
    .where('contactId', '=', contactId)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export async function upsertConsent(db: Kysely<DB>, row: Insertable<ContactConsentTable>): Promise<void> {
  await db
    .insertInto('contactConsents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['contactId', 'channel']).doUpdateSet({
        state: row.state,
        source: row.source,
        changedAt: row.changedAt,
        changedBy: row.changedBy ?? null,
      }),
    )
    .execute();
}

export async function isSuppressedAddress(db: Kysely<DB>, channel: SuppressionTable['channel'], address: string) {
  const row = await db
    .selectFrom('suppressions')
    .select('id')
    .where('channel', '=', channel)
    .where('address', '=', address)
    .executeTakeFirst();
  return Boolean(row);
}

/** Which of these addresses are on the channel's suppression list. */
export async function suppressedAmong(
  db: Kysely<DB>,
  channel: SuppressionTable['channel'],
  addresses: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < addresses.length; i += 500) {
    const rows = await db
      .selectFrom('suppressions')
      .select('address')
      .where('channel', '=', channel)
      .where('address', 'in', addresses.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.address);
  }
  return found;
}

/** Which of these contacts withdrew their consent on the channel. */
export async function withdrawnAmong(
  db: Kysely<DB>,
  channel: ContactConsentTable['channel'],
  contactIds: number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await db
      .selectFrom('contactConsents')
      .select('contactId')
      .where('channel', '=', channel)
      .where('state', '=', 'withdrawn')
      .where('contactId', 'in', contactIds.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.contactId);
  }
  return found;
}

/** Adds the address unless it is there already; true when it was added. */
export async function insertSuppression(db: Kysely<DB>, row: Insertable<SuppressionTable>): Promise<number | null> {
  const inserted = await db
    .insertInto('suppressions')
    .values(row)
    .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export function findSuppression(db: Kysely<DB>, id: number) {
  return db.selectFrom('suppressions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSuppression(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('suppressions').where('id', '=', id).execute();
}

export async function listSuppressions(
  db: Kysely<DB>,
  query: { channel?: SuppressionTable['channel']; q?: string; page: number; pageSize: number },
) {
  let base = db.selectFrom('suppressions');
  if (query.channel) base = base.where('channel', '=', query.channel);
  if (query.q) base = base.where('address', 'like', `%${query.q.toLowerCase().replace(/[%_\\]/g, '')}%`);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'channel', 'address', 'reason', 'source', 'createdAt'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * The active contacts whose number on this channel is the address (digits compared without spaces,
 * dashes, brackets or a leading + / 86): read once per unsubscription, so a scan is fine.
 */
export function contactsWithNumber(db: Kysely<DB>, columns: Array<'mobile' | 'phone'>, digits: string) {
  const stripped = (column: 'mobile' | 'phone') =>
    sql<string>`replace(replace(replace(replace(replace(${sql.ref(`contacts.${column}`)}, ' ', ''), '-', ''), '+', ''), '(', ''), ')', '')`;
  return db
    .selectFrom('contacts')
    .select(['contacts.id', 'contacts.ownerId', 'contacts.customerId', 'contacts.name'])
    .where('contacts.deletedAt', 'is', null)
    .where((eb) =>
      eb.or(columns.flatMap((column) => [eb(stripped(column), '=', digits), eb(stripped(column), '=', `86${digits}`)])),
    )
    .execute();
}

export function contactsWithEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('contacts')
    .select(['contacts.id', 'contacts.ownerId', 'contacts.customerId', 'contacts.name'])
    .where('contacts.deletedAt', 'is', null)
    .where(sql<string>`lower(contacts.email)`, '=', email)
    .execute();
}

export function contactAddresses(db: Kysely<DB>, contactId: number) {
  return db.selectFrom('contacts').select(['mobile', 'phone', 'email']).where('id', '=', contactId).executeTakeFirst();
}

// Consent given on a lead (a web form's checkbox), kept as a contact's is.

export function consentsOfLead(db: Kysely<DB>, leadId: number) {
  return db
    .selectFrom('leadConsents')
    .select(['channel', 'state', 'source', 'changedAt', 'changedBy'])
    .where('leadId', '=', leadId)
    .execute();
}

export function findLeadConsent(db: Kysely<DB>, leadId: number, channel: LeadConsentTable['channel']) {
  return db
    .selectFrom('leadConsents')
    .select(['state', 'source', 'changedAt'])
    .where('leadId', '=', leadId)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export async function upsertLeadConsent(db: Kysely<DB>, row: Insertable<LeadConsentTable>): Promise<void> {
  await db
    .insertInto('leadConsents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['leadId', 'channel']).doUpdateSet({
        state: row.state,
        source: row.source,
        changedAt: row.changedAt,
        changedBy: row.changedBy ?? null,
      }),
    )
    .execute();
}

/** Where a lead's answers went when it was converted: its contact, if the lead was converted into one still there. */
export async function convertedContactOf(db: Kysely<DB>, leadId: number): Promise<number | null> {
  const row = await db
    .selectFrom('leads')
    .innerJoin('contacts', 'contacts.id', 'leads.convertedContactId')
    .select('contacts.id')
    .where('leads.id', '=', leadId)
    .where('contacts.deletedAt', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function consentsOfLeadWithNames(db: Kysely<DB>, leadId: number) {
  return db
    .selectFrom('leadConsents')
    .leftJoin('users', 'users.id', 'leadConsents.changedBy')
    .select([
      'leadConsents.channel',
      'leadConsents.state',
      'leadConsents.source',
      'leadConsents.changedAt',
      'users.displayName as userName',
    ])
    .where('leadConsents.leadId', '=', leadId)
    .execute();
}

// A customer's own consent (reached at its own address), kept as a contact's is.

export function consentsOfCustomer(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('customerConsents')
    .leftJoin('users', 'users.id', 'customerConsents.changedBy')
    .select([
      'customerConsents.channel',
      'customerConsents.state',
      'customerConsents.source',
      'customerConsents.changedAt',
      'users.displayName as userName',
    ])
    .where('customerConsents.customerId', '=', customerId)
    .execute();
}

export function findCustomerConsent(db: Kysely<DB>, customerId: number, channel: CustomerConsentTable['channel']) {
  return db
    .selectFrom('customerConsents')
    .select(['state', 'source', 'changedAt'])
    .where('customerId', '=', customerId)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export async function upsertCustomerConsent(db: Kysely<DB>, row: Insertable<CustomerConsentTable>): Promise<void> {
  await db
    .insertInto('customerConsents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['customerId', 'channel']).doUpdateSet({
        state: row.state,
        source: row.source,
        changedAt: row.changedAt,
        changedBy: row.changedBy ?? null,
      }),
    )
    .execute();
}

/** Digits of a number column without spaces, dashes, brackets or a leading +. */
const strippedNumber = (column: string) =>
  sql<string>`replace(replace(replace(replace(replace(${sql.ref(column)}, ' ', ''), '-', ''), '+', ''), '(', ''), ')', '')`;

/**
 * The active leads and customers whose address on a channel is this one (an email compared in lower case, a
 * number by its digits as for contacts): read once per suppression, so a scan is fine.
 */
export async function leadsAndCustomersWith(
  db: Kysely<DB>,
  channel: SuppressionTable['channel'],
  address: string,
): Promise<{ leads: number[]; customers: number[] }> {
  const isAddress = (columns: string[]) =>
    channel === 'email'
      ? sql<boolean>`lower(${sql.ref(columns[0]!)}) = ${address}`
      : sql<boolean>`(${sql.join(
          columns.flatMap((column) => [
            sql`${strippedNumber(column)} = ${address}`,
            sql`${strippedNumber(column)} = ${`86${address}`}`,
          ]),
          sql` or `,
        )})`;
  const leadColumns = { email: ['leads.email'], sms: ['leads.mobile'], phone: ['leads.mobile', 'leads.phone'] }[
    channel
  ];
  const customerColumns = channel === 'email' ? ['customers.email'] : ['customers.phone'];
  const leads = await db
    .selectFrom('leads')
    .select('leads.id')
    .where('leads.deletedAt', 'is', null)
    .where(isAddress(leadColumns))
    .execute();
  const customers = await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.deletedAt', 'is', null)
    .where(isAddress(customerColumns))
    .execute();
  return { leads: leads.map((l) => l.id), customers: customers.map((c) => c.id) };
}

export function leadAddresses(db: Kysely<DB>, leadId: number) {
  return db.selectFrom('leads').select(['mobile', 'phone', 'email']).where('id', '=', leadId).executeTakeFirst();
}

export function customerAddresses(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['phone', 'email'])
    .where('id', '=', customerId)
    .executeTakeFirst()
    .then((row) => row && { mobile: null, phone: row.phone, email: row.email });
}
