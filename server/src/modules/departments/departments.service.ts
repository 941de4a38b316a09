import type { Department } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound, orNotFound } from '../../platform/errors.ts';
import { departmentSubtree } from '../../platform/scope.ts';
import { findUserDepartmentAndStatus } from '../users/index.ts';
import * as repo from './departments.repository.ts';
import { inTransaction } from '../../platform/context.ts';

type DepartmentInput = { name: string; parentId?: number | null; managerId?: number | null; sortOrder?: number };

export function listDepartments(db: Kysely<DB>): Promise<Department[]> {
  return repo.listDepartments(db);
}

export async function getDepartment(db: Kysely<DB>, id: number): Promise<Department> {
  return orNotFound(await repo.findDepartment(db, id));
}

async function assertReferences(db: Kysely<DB>, input: Partial<DepartmentInput>) {
  if (input.parentId && !(await repo.findDepartment(db, input.parentId)))
    throw fieldError('parentId', 'unknownDepartment');
  if (input.managerId) {
    const manager = await findUserDepartmentAndStatus(db, input.managerId);
    if (!manager) throw fieldError('managerId', 'unknownUser', { value: input.managerId });
  }
}

export async function createDepartment(db: Kysely<DB>, actor: Actor, input: DepartmentInput): Promise<Department> {
  return inTransaction(db, async (db) => {
    await assertReferences(db, input);
    const now = nowIso();
    const row = await repo.insertDepartment(db, {
      name: input.name,
      parentId: input.parentId ?? null,
      managerId: input.managerId ?? null,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'departments',
      entityId: row.id,
      detail: { name: row.name },
    });
    return row;
  });
}

/** Renames or moves a department; it may not move below itself. */
export async function updateDepartment(db: Kysely<DB>, actor: Actor, id: number, patch: Partial<DepartmentInput>) {
  return inTransaction(db, async (db) => {
    const before = await repo.findDepartment(db, id);
    if (!before) throw notFound();
    await assertReferences(db, patch);
    if (patch.parentId && (await departmentSubtree(db, id)).includes(patch.parentId)) {
      throw fieldError('parentId', 'departmentCycle');
    }
    const row = await repo.updateDepartment(db, id, { ...patch, updatedAt: nowIso() });
    const changes = diffFields(before, row, ['name', 'parentId', 'managerId', 'sortOrder']);
    await writeAudit(db, actor, { action: 'update', entity: 'departments', entityId: id, changes });
    return row;
  });
}

export async function deleteDepartment(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (db) => {
    const before = await repo.findDepartment(db, id);
    if (!before) throw notFound();
    if (await repo.departmentInUse(db, id)) throw new AppError('DEPARTMENT_NOT_EMPTY');
    await repo.deleteDepartment(db, id);
    await writeAudit(db, actor, {
      action: 'delete',
      entity: 'departments',
      entityId: id,
      detail: { name: before.name },
    });
  });
}

// What other modules read of departments.

/** The department with this id, or undefined. */
export function findDepartment(db: Kysely<DB>, id: number) {
  return repo.findDepartment(db, id);
}

/** How many departments the company has (one, the root, on a fresh install). */
export function departmentCount(db: Kysely<DB>): Promise<number> {
  return repo.countDepartments(db);
}
