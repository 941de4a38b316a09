import type { Kysely } from 'kysely';
import { type AuditActor, systemActor } from '../platform/actor.ts';
import { hashPassword } from '../platform/passwords.ts';
import { contactSearchValues } from '../modules/contacts/index.ts';
import { insertCustomerBatch, type NewCustomer } from '../modules/customers/index.ts';
import { userSearchText } from '../modules/users/index.ts';
import type { Dialect } from './database.ts';
import { companyName, jobTitle, landline, mobile, personName, pick, seededRandom } from './sample-data.ts';
import type { DB } from './schema.ts';
import { nowIso } from './time.ts';
import { searchDocument } from '../platform/search.ts';
import { loadSalesDemo } from './demo-sales.ts';
import { inTransaction } from '../platform/context.ts';

export const demoPassword = 'Demo12345';
/** A customer's contact who signs in to the portal (with the demo password). */
export const demoPortalLogin = 'portal@demo.relate.local';

const demoUsers = [
  { username: 'manager', displayName: '王经理 (Sales manager)', role: 'sales_manager', department: '华东销售部' },
  { username: 'rep1', displayName: '李娜 (Sales rep)', role: 'sales_rep', department: '华东销售部' },
  { username: 'rep2', displayName: '陈强 (Sales rep)', role: 'sales_rep', department: '上海组' },
  { username: 'rep3', displayName: 'Emma Clark (Sales rep)', role: 'sales_rep', department: '华南销售部' },
  { username: 'service', displayName: '赵敏 (Service agent)', role: 'service_agent', department: '客服中心' },
  { username: 'viewer', displayName: '孙涛 (Read-only)', role: 'readonly', department: '总公司' },
  { username: 'finance', displayName: '周静 (Finance)', role: 'finance', department: '总公司' },
  { username: 'marketing', displayName: '吴芳 (Marketing)', role: 'marketing', department: '总公司' },
] as const;

/**
 * Loads the bilingual demo dataset once: departments, one user of each built-in role
 * (password Demo12345), about 200 customers with contacts and anniversaries, sales data (leads,
 * follow-ups, opportunities, tasks and targets) and a contact who signs in to the customer portal.
 */
export async function loadDemoData(db: Kysely<DB>, dialect: Dialect): Promise<boolean> {
  const loaded = await db.selectFrom('settings').select('key').where('key', '=', 'demoLoaded').executeTakeFirst();
  if (loaded) return false;
  const random = seededRandom(20261124);
  const now = nowIso();
  const passwordHash = await hashPassword(demoPassword);
  await inTransaction(db, async (db) => {
    const root = await db
      .selectFrom('departments')
      .select('id')
      .where('parentId', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const departments: Record<string, number> = { 总公司: root.id };
    const addDepartment = async (name: string, parent: string) => {
      const row = await db
        .insertInto('departments')
        .values({
          name,
          parentId: departments[parent],
          managerId: null,
          sortOrder: Object.keys(departments).length,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      departments[name] = row.id;
    };
    await addDepartment('销售部', '总公司');
    await addDepartment('华东销售部', '销售部');
    await addDepartment('上海组', '华东销售部');
    await addDepartment('华南销售部', '销售部');
    await addDepartment('客服中心', '总公司');

    const roles = await db.selectFrom('roles').select(['id', 'code']).where('code', 'is not', null).execute();
    const owners: Array<{ id: number; departmentId: number }> = [];
    for (const user of demoUsers) {
      const row = await db
        .insertInto('users')
        .values({
          username: user.username,
          displayName: user.displayName,
          email: `${user.username}@demo.relate.local`,
          mobile: mobile(random),
          departmentId: departments[user.department],
          managerId: null,
          status: 'active',
          locale: user.username === 'rep3' ? 'en' : 'zh-CN',
          passwordHash,
          lastLoginAt: null,
          searchText: userSearchText({ ...user, email: `${user.username}@demo.relate.local` }),
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('userRoles')
        .values({ userId: row.id, roleId: roles.find((r) => r.code === user.role)!.id })
        .execute();
      if (user.role === 'sales_rep' || user.role === 'sales_manager')
        owners.push({ id: row.id, departmentId: departments[user.department] });
    }

    const levels = ['A', 'B', 'B', 'C', 'C', 'C'];
    const stages = ['prospect', 'intent', 'deal', 'deal', 'lost'];
    const industries = ['it', 'manufacturing', 'finance', 'retail', 'education', 'healthcare', 'logistics'];
    const sources = ['website', 'referral', 'exhibition', 'cold_call', 'partner'];
    const customers: NewCustomer[] = [];
    const usedNames = new Set<string>();
    for (let i = 0; i < 200; i++) {
      let company = companyName(random, 0);
      while (usedNames.has(company.name)) company = companyName(random, 0);
      usedNames.add(company.name);
      const owner = pick(random, owners);
      customers.push({
        name: company.name,
        type: 'company',
        level: pick(random, levels),
        creditLevel: pick(random, ['good', 'normal', 'poor']),
        stage: pick(random, stages),
        industry: pick(random, industries),
        source: pick(random, sources),
        country: company.country,
        province: company.region[0],
        city: company.region[1],
        district: company.region[2],
        address: `${Math.floor(random() * 999) + 1} 号`,
        phone: landline(random),
        email: `contact${i}@example.com`,
        tags: random() < 0.3 ? ['VIP'] : random() < 0.5 ? ['重点跟进'] : [],
        owner,
      });
    }
    const actor: AuditActor = systemActor;
    const ids = await insertCustomerBatch({ db, dialect }, actor, customers, { demo: true });
    for (let i = 0; i < ids.length; i++) {
      const contactCount = 1 + Math.floor(random() * 2);
      for (let c = 0; c < contactCount; c++) {
        const name = personName(random);
        const mobileNumber = mobile(random);
        const contact = await db
          .insertInto('contacts')
          .values({
            customerId: ids[i],
            name,
            gender: pick(random, ['male', 'female']),
            title: jobTitle(random),
            department: null,
            mobile: mobileNumber,
            phone: null,
            email: null,
            wechat: null,
            birthday: null,
            isPrimary: c === 0 ? 1 : 0,
            decisionRole: c === 0 ? 'decision_maker' : 'user',
            remark: null,
            ownerId: customers[i].owner.id,
            departmentId: customers[i].owner.departmentId,
            searchText: searchDocument(contactSearchValues({ name, mobile: mobileNumber })).text,
            createdBy: null,
            updatedBy: null,
            createdAt: now,
            updatedAt: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (random() < 0.3) {
          const month = 1 + Math.floor(random() * 12);
          const day = 1 + Math.floor(random() * 28);
          await db
            .insertInto('anniversaries')
            .values({
              contactId: contact.id,
              type: 'birthday',
              date: `1985-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
              monthDay: month * 100 + day,
              remindDaysBefore: 3,
              remark: null,
            })
            .execute();
        }
      }
    }
    await loadSalesDemo(
      db,
      random,
      owners,
      ids.map((id, i) => ({ id, name: customers[i].name, owner: customers[i].owner })),
    );
    // The first customer's main contact can try the customer portal.
    const portalContact = await db
      .selectFrom('contacts')
      .select('id')
      .where('customerId', '=', ids[0])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('contacts').set({ email: demoPortalLogin }).where('id', '=', portalContact.id).execute();
    await db
      .insertInto('portalAccounts')
      .values({
        contactId: portalContact.id,
        login: demoPortalLogin,
        passwordHash,
        status: 'active',
        inviteTokenHash: null,
        inviteExpiresAt: null,
        locale: 'zh-CN',
        lastLoginAt: null,
        invitedBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('settings')
      .values({ key: 'demoLoaded', value: JSON.stringify(true) })
      .execute();
  });
  return true;
}
