import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/db/database.ts';
import { seededRandom } from '../server/src/db/sample-data.ts';
import type { DB, TicketTable } from '../server/src/db/schema.ts';
import { hashPassword } from '../server/src/platform/passwords.ts';
import { userSearchText } from '../server/src/modules/users/users.search.ts';

const day = 86_400_000;
const agentCount = 40;

/**
 * Adds a service team of 40 agents and `count` tickets of random customers over two years: about one
 * in twenty still open (spread over the agents, some unassigned), the open ones with SLA deadlines of
 * which about one percent have passed without having been flagged yet.
 */
export async function generateServiceData(
  db: Kysely<DB>,
  dialect: Dialect,
  counts: { tickets: number },
  log: (line: string) => void,
): Promise<void> {
  const random = seededRandom(7);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const root = await db.selectFrom('departments').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
  // A run stopped half-way left the team and its agents: they are taken up again.
  const team =
    (await db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '客服中心')
      .where('parentId', '=', root.id)
      .executeTakeFirst()) ??
    (await db
      .insertInto('departments')
      .values({
        name: '客服中心',
        parentId: root.id,
        managerId: null,
        sortOrder: 99,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const role = await db.selectFrom('roles').select('id').where('code', '=', 'service_agent').executeTakeFirstOrThrow();
  const passwordHash = await hashPassword('Bench12345');
  const agents: number[] = [];
  for (let i = 0; i < agentCount; i++) {
    const username = `agent${i + 1}`;
    const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) {
      agents.push(existing.id);
      continue;
    }
    const user = await db
      .insertInto('users')
      .values({
        username,
        displayName: username,
        searchText: userSearchText({ username, displayName: username }),
        email: null,
        mobile: null,
        departmentId: team.id,
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
    await db.insertInto('userRoles').values({ userId: user.id, roleId: role.id }).execute();
    agents.push(user.id);
  }
  await db.updateTable('departments').set({ managerId: agents[0] }).where('id', '=', team.id).execute();
  const { maxId } = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirstOrThrow();
  const customerCount = Number(maxId);
  const types = ['consultation', 'complaint', 'repair', 'return', 'suggestion', 'other'];
  const priorities = ['low', 'normal', 'normal', 'high', 'urgent'];
  const closedStatuses = ['closed', 'closed', 'closed', 'resolved', 'callback'];
  const openStatuses = ['assigned', 'in_progress', 'in_progress', 'waiting', 'new', 'reopened'];
  const started = Date.now();
  for (let start = 0; start < counts.tickets; start += 10_000) {
    const end = Math.min(start + 10_000, counts.tickets);
    await db.transaction().execute(async (trx) => {
      for (let offset = start; offset < end; offset += 500) {
        const rows: Array<Insertable<TicketTable>> = [];
        // 500 rows of 46 columns stay under SQLite's limit of bound variables.
        for (let i = offset; i < Math.min(offset + 500, end); i++) {
          const open = random() < 0.05;
          const created = open ? now - Math.floor(random() * 10 * day) : now - Math.floor(random() * 730 * day);
          const status = open
            ? openStatuses[Math.floor(random() * openStatuses.length)]
            : closedStatuses[Math.floor(random() * closedStatuses.length)];
          const owner = status === 'new' ? null : agents[Math.floor(random() * agents.length)];
          // Open tickets: deadlines mostly ahead; about one in a hundred passed and not yet flagged.
          const late = open && random() < 0.01;
          const responseDue = late
            ? now - Math.floor(random() * day)
            : open
              ? now + Math.floor(random() * 2 * day)
              : created + 4 * 3_600_000;
          const resolutionDue = open ? now + Math.floor((0.5 + random()) * 3 * day) : created + 3 * day;
          rows.push({
            number: `T-B${String(i + 1).padStart(8, '0')}`,
            type: types[Math.floor(random() * types.length)],
            category: null,
            channel: 'phone',
            priority: priorities[Math.floor(random() * priorities.length)],
            status,
            vip: random() < 0.1 ? 1 : 0,
            customerId: 1 + Math.floor(random() * customerCount),
            contactId: null,
            requesterName: null,
            requesterEmail: null,
            requesterPhone: null,
            productId: null,
            orderId: null,
            contractId: null,
            subject: `基准工单 ${i + 1}`,
            description: null,
            teamId: team.id,
            severity: null,
            promised: null,
            compensation: null,
            escalatedTo: null,
            resolution: open ? null : '已处理',
            rootCause: null,
            mergedIntoId: null,
            slaPolicyId: null,
            firstResponseDue: iso(responseDue),
            resolutionDue: iso(resolutionDue),
            firstRespondedAt:
              open && !late && random() < 0.5 ? iso(created + 3_600_000) : open ? null : iso(created + 3_600_000),
            resolvedAt: open ? null : iso(created + 2 * day),
            closedAt: status === 'closed' ? iso(created + 3 * day) : null,
            pausedAt: status === 'waiting' ? iso(now - 3_600_000) : null,
            firstResponseBreached: open ? null : 0,
            resolutionBreached: open ? null : 0,
            escalationLevel: 0,
            searchText: `t-b${String(i + 1).padStart(8, '0')} 基准工单 ${i + 1}`,
            ownerId: owner,
            departmentId: team.id,
            createdBy: owner,
            updatedBy: owner,
            createdAt: iso(created),
            updatedAt: iso(created),
            deletedAt: null,
            deletedBy: null,
          });
        }
        await trx.insertInto('tickets').values(rows).execute();
      }
    });
    if (end % 500_000 === 0 || end === counts.tickets)
      log(`  generated ${end.toLocaleString()} tickets (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (dialect === 'postgres') await sql`analyze`.execute(db);
}
