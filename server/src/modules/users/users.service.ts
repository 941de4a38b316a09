import type { Locale, User, UserInput, UserPatch, UserQuery } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/passwords.ts';
import { revokeAllKeys } from '../apikeys/index.ts';
import { endUserSessions } from '../auth/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './users.repository.ts';
import { userSearchText } from './users.search.ts';
import { inTransaction } from '../../platform/context.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

function toUser(row: Row, roleIds: number[]): User {
  return { ...row, locale: row.locale as Locale, roleIds };
}

export async function listUsers(db: Kysely<DB>, query: z.output<typeof UserQuery>) {
  const { items, total } = await repo.listUsers(db, query);
  const roles = await repo.roleIdsByUser(
    db,
    items.map((u) => u.id),
  );
  return {
    items: items.map((u) => toUser(u, roles.get(u.id) ?? [])),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(db: Kysely<DB>, id: number): Promise<User> {
  const row = orNotFound(await repo.findUser(db, id));
  const roles = await repo.roleIdsByUser(db, [id]);
  return toUser(row, roles.get(id) ?? []);
}

async function assertReferences(db: Kysely<DB>, input: Partial<z.output<typeof UserPatch>>) {
  if (input.departmentId && !(await repo.countExisting(db, 'departments', [input.departmentId]))) {
    throw fieldError('departmentId', 'unknownDepartment');
  }
  if (input.roleIds && (await repo.countExisting(db, 'roles', input.roleIds)) !== new Set(input.roleIds).size) {
    throw fieldError('roleIds', 'unknownRole');
  }
  if (input.managerId && !(await repo.countExisting(db, 'users', [input.managerId]))) {
    throw fieldError('managerId', 'unknownUser', { value: input.managerId });
  }
}

/** Creates a user with a password that meets the policy. */
export async function createUser(db: Kysely<DB>, actor: Actor, input: z.output<typeof UserInput>): Promise<User> {
  checkPasswordPolicy(input.password, await getSettings(db));
  const passwordHash = await hashPassword(input.password);
  const id = await inTransaction(db, async (db) => {
    if (await repo.findUserByUsername(db, input.username)) throw fieldError('username', 'usernameTaken');
    await assertReferences(db, input);
    const now = nowIso();
    const settings = await getSettings(db);
    const { id } = await repo.insertUser(db, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      mobile: input.mobile ?? null,
      departmentId: input.departmentId,
      managerId: input.managerId ?? null,
      status: 'active',
      locale: input.locale ?? settings.defaultLocale,
      passwordHash,
      searchText: userSearchText(input),
      createdAt: now,
      updatedAt: now,
    });
    await repo.setUserRoles(db, id, [...new Set(input.roleIds)]);
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'users',
      entityId: id,
      detail: { username: input.username, roleIds: input.roleIds },
    });
    return id;
  });
  return getUser(db, id);
}

/** Edits a user; role changes are audited as permission changes. Disabling ends the user's sessions. */
export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: z.output<typeof UserPatch>,
): Promise<User> {
  await inTransaction(db, async (db) => {
    const before = await getUser(db, id);
    await assertReferences(db, patch);
    if (patch.status === 'disabled' && id === actor.userId) throw fieldError('status', 'cannotDisableSelf');
    const { roleIds, ...columns } = patch;
    await repo.updateUser(db, id, {
      ...columns,
      searchText: userSearchText({
        username: before.username,
        displayName: patch.displayName ?? before.displayName,
        email: patch.email === undefined ? before.email : patch.email,
      }),
      updatedAt: nowIso(),
    });
    if (roleIds) await repo.setUserRoles(db, id, [...new Set(roleIds)]);
    if (patch.status === 'disabled') await endUserSessions(db, id);
    if (patch.departmentId && patch.departmentId !== before.departmentId) {
      // Records belong to their owner's department, so data scopes follow the owner to the new one.
      await repo.moveOwnedRecordsToDepartment(db, id, patch.departmentId);
    }
    const changes = diffFields(before, patch, [
      'displayName',
      'email',
      'mobile',
      'departmentId',
      'managerId',
      'status',
      'locale',
      'roleIds',
    ]);
    await writeAudit(db, actor, {
      action: roleIds ? 'permission_change' : 'update',
      entity: 'users',
      entityId: id,
      changes,
    });
  });
  return getUser(db, id);
}

/** Sets a user's password; their sessions end and their API keys are revoked. Returns how many keys were. */
export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  password: string,
): Promise<{ apiKeysRevoked: number }> {
  orNotFound(await repo.findUser(db, id));
  checkPasswordPolicy(password, await getSettings(db));
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (db) => {
    await repo.updateUser(db, id, { passwordHash, updatedAt: nowIso() });
    await endUserSessions(db, id);
    const apiKeysRevoked = await revokeAllKeys(db, id);
    await writeAudit(db, actor, {
      action: 'password_reset',
      entity: 'users',
      entityId: id,
      detail: { apiKeysRevoked },
    });
    return { apiKeysRevoked };
  });
}

/**
 * Moves everything a user owns to another active user in one transaction, one audit row per record.
 * Every module with owned records takes part through its OwnedEntity.
 */
export async function handover(
  db: Kysely<DB>,
  actor: Actor,
  owned: OwnedEntity[],
  fromUserId: number,
  toUserId: number,
): Promise<{ moved: Record<string, number> }> {
  if (fromUserId === toUserId) throw fieldError('toUserId', 'sameUser');
  return inTransaction(db, async (db) => {
    orNotFound(await repo.findUser(db, fromUserId));
    const target = await repo.findUser(db, toUserId);
    if (!target) throw fieldError('toUserId', 'unknownUser', { value: toUserId });
    if (target.status !== 'active') throw fieldError('toUserId', 'userDisabled');
    const moved: Record<string, number> = {};
    for (const entity of owned) {
      const ids = await entity.transfer(db, fromUserId, { id: target.id, departmentId: target.departmentId });
      moved[entity.entity] = ids.length;
      await writeAuditMany(
        db,
        actor,
        ids.map((entityId) => ({
          action: 'handover',
          entity: entity.entity,
          entityId,
          changes: [{ field: 'ownerId', old: fromUserId, new: toUserId }],
        })),
      );
    }
    await writeAudit(db, actor, {
      action: 'handover',
      entity: 'users',
      entityId: fromUserId,
      detail: { toUserId, moved },
    });
    return { moved };
  });
}

// What other modules read of users (the queries stay in the repository).

/** A user's id, department and status, or undefined when there is no such user. */
export function findUserDepartmentAndStatus(db: Kysely<DB>, id: number) {
  return repo.findUserDepartmentAndStatus(db, id);
}

/** The active users of one department, in id order. */
export function activeMembersOf(db: Kysely<DB>, departmentId: number) {
  return repo.listActiveMembers(db, departmentId);
}

/** How many users may sign in (one, the administrator, on a fresh install). */
export function activeUserCount(db: Kysely<DB>): Promise<number> {
  return repo.countActiveUsers(db);
}

/** The display names (王小明, not the login name) of these users, by id. */
export async function displayNamesOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  return new Map((await repo.listDisplayNames(db, ids)).map((user) => [user.id, user.displayName]));
}
