import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DB } from './schema.ts';
import { nowIso } from './time.ts';
import { hashPassword } from '../platform/passwords.ts';
import { randomToken } from '../platform/tokens.ts';
import { seedBuiltinDashboards } from '../modules/dashboards/index.ts';
import { seedDictionaries } from '../modules/dictionaries/index.ts';
import { seedPipelines } from '../modules/opportunities/index.ts';
import { seedPools } from '../modules/pool/index.ts';
import { seedRoles } from '../modules/roles/index.ts';
import { userSearchText } from '../modules/users/index.ts';
import { seedDefaultSlaPolicy } from '../modules/tickets/index.ts';
import { inTransaction } from '../platform/context.ts';

export type SeedResult = { adminCreated: boolean; generatedPassword: string | null };

/** Any fixed number, the same for every instance: the advisory lock that lets one instance seed at a time. */
const seedLockKey = 7_384_210_551;

/**
 * Installs what a new database needs: built-in roles, dictionaries, a root department, the administrator and
 * a default SLA policy.
 * In one transaction; on PostgreSQL, instances started together take turns (advisory lock), so the second
 * finds the first one's rows instead of inserting them again.
 */
export async function seedEssentials(db: Kysely<DB>, adminPassword: string | undefined): Promise<SeedResult> {
  return inTransaction(db, async (db) => {
    if (db.getExecutor().adapter instanceof PostgresAdapter)
      await sql`select pg_advisory_xact_lock(${seedLockKey})`.execute(db);
    return seedInTransaction(db, adminPassword);
  });
}

async function usersSearchable(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql`select 1 from kysely_migration where name = '0069-pinyin-search'`.execute(db);
  return rows.length > 0;
}

async function seedInTransaction(db: Kysely<DB>, adminPassword: string | undefined): Promise<SeedResult> {
  const roleIds = await seedRoles(db);
  await seedDictionaries(db);
  await seedPipelines(db);
  await seedPools(db);
  await seedBuiltinDashboards(db);
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { adminCreated: false, generatedPassword: null };
  await seedDefaultSlaPolicy(db);
  const now = nowIso();
  let root = await db
    .selectFrom('departments')
    .select('id')
    .where('parentId', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  root ??= await db
    .insertInto('departments')
    .values({ name: '总公司', parentId: null, managerId: null, sortOrder: 0, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A generated password mixes letters and digits so it passes the default policy.
  const generated = adminPassword ? null : `${randomToken(9)}9a`;
  const admin = await db
    .insertInto('users')
    .values({
      username: 'admin',
      displayName: '系统管理员',
      email: null,
      mobile: null,
      departmentId: root.id,
      managerId: null,
      status: 'active',
      locale: 'zh-CN',
      passwordHash: await hashPassword(adminPassword ?? generated!),
      lastLoginAt: null,
      // A database seeded between migrations (tests of older ones) has no search text for users yet.
      ...((await usersSearchable(db))
        ? { searchText: userSearchText({ username: 'admin', displayName: '系统管理员' }) }
        : {}),
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('userRoles').values({ userId: admin.id, roleId: roleIds.admin }).execute();
  return { adminCreated: true, generatedPassword: generated };
}
