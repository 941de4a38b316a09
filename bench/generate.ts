import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/db/database.ts';
import { companyName, landline, mobile, personName, pick, seededRandom } from '../server/src/db/sample-data.ts';
import type { CustomerTable, DB } from '../server/src/db/schema.ts';
import type { Insertable } from 'kysely';
import { hashPassword } from '../server/src/platform/passwords.ts';
import { searchColumns, searchDocument, syncSearchIndex } from '../server/src/platform/search.ts';
import {
  customerCode,
  customerSearchValues,
  normalizeName,
  normalizePhone,
} from '../server/src/modules/customers/index.ts';
import { contactSearchValues } from '../server/src/modules/contacts/index.ts';
import { userSearchText } from '../server/src/modules/users/users.search.ts';

export type Dataset = { managerUsername: string; repUsername: string; password: string; customers: number };

const password = 'Bench12345';
const departmentsPerRegion = 4;
const regions = 5;
const repsPerDepartment = 10;

/**
 * Fills an empty, migrated and seeded database: 5 regions × 4 teams × 10 reps, `count` customers spread
 * over the reps with updated_at over the last two years, and two contacts per customer.
 */
export async function generateDataset(
  db: Kysely<DB>,
  dialect: Dialect,
  count: number,
  log: (line: string) => void,
): Promise<Dataset> {
  const random = seededRandom(42);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const passwordHash = await hashPassword(password);
  const root = await db.selectFrom('departments').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
  const roles = await db.selectFrom('roles').select(['id', 'code']).execute();
  const roleId = (code: string) => roles.find((r) => r.code === code)!.id;
  const owners: Array<{ id: number; departmentId: number }> = [];
  let managerUsername = '';
  let repUsername = '';
  for (let r = 0; r < regions; r++) {
    const region = await db
      .insertInto('departments')
      .values({
        name: `大区${r + 1}`,
        parentId: root.id,
        managerId: null,
        sortOrder: r,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const managerName = `manager${r + 1}`;
    const manager = await db
      .insertInto('users')
      .values({
        username: managerName,
        displayName: managerName,
        searchText: userSearchText({ username: managerName, displayName: managerName }),
        email: null,
        mobile: null,
        departmentId: region.id,
        managerId: null,
        status: 'active',
        locale: 'zh-CN',
        passwordHash,
        lastLoginAt: null,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('userRoles')
      .values({ userId: manager.id, roleId: roleId('sales_manager') })
      .execute();
    if (r === 0) managerUsername = managerName;
    for (let d = 0; d < departmentsPerRegion; d++) {
      const team = await db
        .insertInto('departments')
        .values({
          name: `大区${r + 1}-${d + 1}组`,
          parentId: region.id,
          managerId: null,
          sortOrder: d,
          createdAt: iso(now),
          updatedAt: iso(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let u = 0; u < repsPerDepartment; u++) {
        const username = `rep${r + 1}_${d + 1}_${u + 1}`;
        const rep = await db
          .insertInto('users')
          .values({
            username,
            displayName: username,
            searchText: userSearchText({ username, displayName: username }),
            email: null,
            mobile: null,
            departmentId: team.id,
            managerId: manager.id,
            status: 'active',
            locale: 'zh-CN',
            passwordHash,
            lastLoginAt: null,
            createdAt: iso(now),
            updatedAt: iso(now),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('userRoles')
          .values({ userId: rep.id, roleId: roleId('sales_rep') })
          .execute();
        owners.push({ id: rep.id, departmentId: team.id });
        if (!repUsername) repUsername = username;
      }
    }
  }

  const levels = ['A', 'B', 'C'];
  const stages = ['prospect', 'intent', 'deal', 'lost'];
  const industries = ['it', 'manufacturing', 'finance', 'retail', 'education', 'healthcare', 'logistics', 'energy'];
  const batch = 500;
  const started = Date.now();
  await sql`insert into sequences (name, value) values ('customers', ${count})`.execute(db);
  for (let start = 0; start < count; start += 20_000) {
    await db.transaction().execute(async (trx) => {
      for (let offset = start; offset < Math.min(start + 20_000, count); offset += batch) {
        const rows: Array<Insertable<CustomerTable>> = [];
        const docs: Array<{ grams: string }> = [];
        for (let i = offset; i < Math.min(offset + batch, count); i++) {
          const company = companyName(random, i + 1);
          const owner = pick(random, owners);
          const code = customerCode(i + 1);
          const phone = random() < 0.5 ? mobile(random) : landline(random);
          const email = `c${i + 1}@example.com`;
          const phoneNorm = normalizePhone(phone);
          const doc = searchDocument(customerSearchValues({ name: company.name, code, phone, phoneNorm, email }));
          docs.push(doc);
          const created = now - Math.floor(random() * 730 * 86_400_000);
          rows.push({
            code,
            name: company.name,
            nameNorm: normalizeName(company.name),
            type: 'company',
            level: pick(random, levels),
            creditLevel: 'normal',
            stage: pick(random, stages),
            industry: pick(random, industries),
            source: 'website',
            country: company.country,
            province: company.region[0],
            city: company.region[1],
            district: company.region[2],
            address: null,
            phone,
            phoneNorm,
            email,
            website: null,
            remark: null,
            ownerId: owner.id,
            departmentId: owner.departmentId,
            customFields: '{}',
            ...searchColumns(dialect, doc),
            createdBy: owner.id,
            updatedBy: owner.id,
            createdAt: iso(created),
            updatedAt: iso(created + Math.floor(random() * (now - created))),
            lastFollowupAt: null,
            nextFollowupAt: null,
            deletedAt: null,
            deletedBy: null,
            mergedIntoId: null,
          });
        }
        const ids = (await trx.insertInto('customers').values(rows).returning('id').execute()).map((r) => r.id);
        await syncSearchIndex(
          trx,
          dialect,
          'customer_search',
          ids.map((id, k) => ({ id, grams: docs[k].grams })),
        );
        const contacts = ids.flatMap((customerId, k) =>
          [0, 1].map((c) => {
            const name = personName(random);
            const phoneNumber = mobile(random);
            return {
              customerId,
              name,
              gender: 'unknown',
              title: null,
              department: null,
              mobile: phoneNumber,
              phone: null,
              email: null,
              wechat: null,
              birthday: null,
              isPrimary: c === 0 ? 1 : 0,
              decisionRole: null,
              remark: null,
              ownerId: rows[k].ownerId ?? null,
              departmentId: rows[k].departmentId ?? null,
              searchText: searchDocument(contactSearchValues({ name, mobile: phoneNumber })).text,
              createdBy: null,
              updatedBy: null,
              createdAt: rows[k].createdAt,
              updatedAt: rows[k].createdAt,
              deletedAt: null,
              deletedBy: null,
            };
          }),
        );
        await trx.insertInto('contacts').values(contacts).execute();
      }
    });
    log(
      `  generated ${Math.min(start + 20_000, count).toLocaleString()} customers (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  // Postgres would analyse the bulk load in time by itself; SQLite gets its statistics at server start-up.
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  return { managerUsername, repUsername, password, customers: count };
}
