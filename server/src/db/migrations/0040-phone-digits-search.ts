import { type Kysely, sql } from 'kysely';
import { searchDocument } from '../../platform/search-text.ts';

const batchSize = 5000;

// Frozen copies of what this migration computes (the modules may search more fields later).
function phoneDigits(phone: string | null): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits || null;
}
type ContactRow = {
  id: number;
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
};
const contactValues = (c: ContactRow) => [
  c.name,
  c.mobile,
  phoneDigits(c.mobile),
  c.phone,
  phoneDigits(c.phone),
  c.email,
  c.wechat,
];
type TicketRow = {
  id: number;
  number: string;
  subject: string;
  description: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
};
const ticketValues = (t: TicketRow) => [
  t.number,
  t.subject,
  t.description,
  t.requesterName,
  t.requesterEmail,
  t.requesterPhone,
  phoneDigits(t.requesterPhone),
];

async function rewrite<R extends { id: number }>(
  db: Kysely<any>,
  table: 'contacts' | 'tickets',
  columns: string,
  values: (row: R) => Array<string | null>,
) {
  for (let afterId = 0; ;) {
    const { rows } = await sql<R>`select id, ${sql.raw(columns)} from ${sql.table(table)}
      where id > ${afterId} order by id limit ${batchSize}`.execute(db);
    if (!rows.length) return;
    for (let i = 0; i < rows.length; i += 500) {
      const changes = rows
        .slice(i, i + 500)
        .map((row) => sql`(cast(${row.id} as integer), cast(${searchDocument(values(row)).text} as text))`);
      await sql`with v(id, text) as (values ${sql.join(changes)})
        update ${sql.table(table)} set search_text = v.text from v where ${sql.ref(`${table}.id`)} = v.id`.execute(db);
    }
    afterId = rows[rows.length - 1].id;
  }
}

/**
 * Contacts and tickets are found by a phone number's digits ("13800138000" finds "138-0013-8000" and
 * "+86 138 0013 8000"), as customers and leads already were: their search text gains the digits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await rewrite<ContactRow>(db, 'contacts', 'name, mobile, phone, email, wechat', contactValues);
  await rewrite<TicketRow>(
    db,
    'tickets',
    // Named in camel case, which reads the same with or without the application's case conversion.
    'number, subject, description, requester_name as "requesterName", requester_email as "requesterEmail", requester_phone as "requesterPhone"',
    ticketValues,
  );
}

export async function down(): Promise<void> {
  // The digits stay in the search text: they only make more searches find the record.
}
