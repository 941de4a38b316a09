import {
  type BuiltInRoleCode,
  builtInRoleCodes,
  type HomeSectionCode,
  homeSectionCodes,
  type Role,
  type RoleInput,
} from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB, RoleTable } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { builtInRoles } from './roles.seed.ts';
import { inTransaction } from '../../platform/context.ts';
import { homeDashboardRefusal } from '../dashboards/index.ts';
import * as repo from './roles.repository.ts';

type RoleBody = z.output<typeof RoleInput>;

async function userCounts(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await repo.countUsersPerRole(db);
  return new Map(rows.map((r) => [r.roleId, Number(r.n)]));
}

/** Chosen sections that the catalogue still holds (a section dropped from it is ignored, not an error). */
function knownSections(codes: string[] | null): HomeSectionCode[] | null {
  return codes && homeSectionCodes.filter((c) => codes.includes(c));
}

function toRole(row: Selectable<RoleTable>, userCount: number): Role {
  return {
    ...row,
    permissions: readJson(row.permissions, []),
    dataScopes: readJson(row.dataScopes, {}),
    fieldRules: readJson(row.fieldRules, {}),
    homeSections: knownSections(readJson<string[] | null>(row.homeSections, null)),
    userCount,
  };
}

export async function listRoles(db: Kysely<DB>): Promise<Role[]> {
  const [rows, counts] = await Promise.all([repo.listRoles(db), userCounts(db)]);
  return rows.map((row) => toRole(row, counts.get(row.id) ?? 0));
}

export async function getRole(db: Kysely<DB>, id: number): Promise<Role> {
  const row = orNotFound(await repo.findRoleById(db, id));
  return toRole(row, (await userCounts(db)).get(id) ?? 0);
}

/** The chosen sections in the catalogue's order, once each; null keeps the role's default sections. */
function homeSectionsColumn(sections: HomeSectionCode[] | null | undefined): string | null {
  return sections ? writeJson(homeSectionCodes.filter((c) => sections.includes(c))) : null;
}

function columns(body: Partial<RoleBody>) {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.nameEn !== undefined ? { nameEn: body.nameEn ?? null } : {}),
    ...(body.description !== undefined ? { description: body.description ?? null } : {}),
    ...(body.permissions ? { permissions: writeJson([...new Set(body.permissions)].sort()) } : {}),
    ...(body.dataScopes ? { dataScopes: writeJson(body.dataScopes) } : {}),
    ...(body.fieldRules ? { fieldRules: writeJson(body.fieldRules) } : {}),
    ...(body.homeSections !== undefined ? { homeSections: homeSectionsColumn(body.homeSections) } : {}),
    ...(body.homeDashboardId !== undefined ? { homeDashboardId: body.homeDashboardId ?? null } : {}),
  };
}

/**
 * A home dashboard chosen for a role (`roleId` null: a new one) must exist and be seen by every user of the
 * role: a built-in one, or one shared with the role.
 */
async function checkHomeDashboard(db: Kysely<DB>, roleId: number | null, dashboardId: number | null | undefined) {
  if (dashboardId === null || dashboardId === undefined) return;
  const refusal = await homeDashboardRefusal(db, roleId, dashboardId);
  if (refusal === 'unknown') throw fieldError('homeDashboardId', 'roleHomeDashboardUnknown');
  if (refusal === 'notShared') throw fieldError('homeDashboardId', 'roleHomeDashboardNotShared');
}

/** Two roles of one name could not be told apart in the role list or a user's roles. */
async function checkNamesFree(db: Kysely<DB>, roleId: number | null, body: Partial<RoleBody>) {
  if (body.name && (await repo.findRoleByName(db, body.name, roleId))) throw fieldError('name', 'roleNameTaken');
  if (body.nameEn && (await repo.findRoleByName(db, body.nameEn, roleId))) throw fieldError('nameEn', 'roleNameTaken');
}

export async function createRole(db: Kysely<DB>, actor: Actor, body: RoleBody): Promise<Role> {
  await checkHomeDashboard(db, null, body.homeDashboardId);
  await checkNamesFree(db, null, body);
  const now = nowIso();
  const id = await inTransaction(db, async (db) => {
    const roleId = await repo.insertRole(db, {
      code: null,
      name: body.name,
      nameEn: body.nameEn ?? null,
      description: body.description ?? null,
      permissions: writeJson([...new Set(body.permissions)].sort()),
      dataScopes: writeJson(body.dataScopes),
      fieldRules: writeJson(body.fieldRules),
      homeSections: homeSectionsColumn(body.homeSections),
      homeDashboardId: body.homeDashboardId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(db, actor, {
      action: 'permission_change',
      entity: 'roles',
      entityId: roleId,
      detail: { created: body },
    });
    return roleId;
  });
  return getRole(db, id);
}

/**
 * Edits a role; each changed permission set, scope or field rule is audited. A home dashboard is checked
 * when it changes: one that has since stopped being shared with the role may be sent back as it was (its
 * users' home page leaves it out meanwhile).
 */
export async function updateRole(db: Kysely<DB>, actor: Actor, id: number, patch: Partial<RoleBody>): Promise<Role> {
  await inTransaction(db, async (db) => {
    const before = await getRole(db, id);
    await checkNamesFree(db, id, patch);
    if (patch.homeDashboardId !== before.homeDashboardId) await checkHomeDashboard(db, id, patch.homeDashboardId);
    await repo.updateRole(db, id, { ...columns(patch), updatedAt: nowIso() });
    const after = await getRole(db, id);
    const changes = diffFields(before, after, [
      'name',
      'nameEn',
      'description',
      'permissions',
      'dataScopes',
      'fieldRules',
      'homeSections',
      'homeDashboardId',
    ]);
    await writeAudit(db, actor, { action: 'permission_change', entity: 'roles', entityId: id, changes });
  });
  return getRole(db, id);
}

export async function deleteRole(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (db) => {
    const role = await getRole(db, id);
    if (role.code) throw fieldError('id', 'builtInRole');
    if (role.userCount > 0) throw fieldError('id', 'roleInUse');
    await repo.deleteRole(db, id);
    await writeAudit(db, actor, { action: 'delete', entity: 'roles', entityId: id, detail: { name: role.name } });
  });
}

/** Installs the built-in roles that are missing; returns the id of each built-in role by code. */
export async function seedRoles(db: Kysely<DB>): Promise<Record<BuiltInRoleCode, number>> {
  const now = nowIso();
  const ids = {} as Record<BuiltInRoleCode, number>;
  for (const code of builtInRoleCodes) {
    const existing = await repo.findRoleIdByCode(db, code);
    if (existing) {
      ids[code] = existing.id;
      continue;
    }
    const seed = builtInRoles[code];
    ids[code] = await repo.insertRole(db, {
      code,
      name: seed.name,
      nameEn: seed.nameEn,
      description: seed.description,
      permissions: writeJson(seed.permissions),
      dataScopes: writeJson(seed.dataScopes),
      fieldRules: writeJson({}),
      createdAt: now,
      updatedAt: now,
    });
  }
  return ids;
}

/**
 * What the home page needs of a user's roles: the code, the permissions, the sections and the dashboard
 * chosen for each, in the order of the roles' ids.
 */
export async function homeSectionsOfRoles(
  db: Kysely<DB>,
  roleIds: number[],
): Promise<
  Array<{ code: string | null; permissions: string[]; homeSections: string[] | null; homeDashboardId: number | null }>
> {
  if (!roleIds.length) return [];
  const rows = await repo.listRolesByIds(db, roleIds);
  return rows.map((row) => ({
    code: row.code,
    permissions: readJson<string[]>(row.permissions, []),
    homeSections: readJson<string[] | null>(row.homeSections, null),
    homeDashboardId: row.homeDashboardId,
  }));
}
