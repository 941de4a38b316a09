import type { ScopedModule } from '@relate/common';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';

/** The set of owners/departments whose records a caller may see in one module. */
export type Scope =
  { kind: 'all' } | { kind: 'own'; userId: number } | { kind: 'departments'; userId: number; departmentIds: number[] };

/** Ids of a department and every department below it. */
export async function departmentSubtree(db: Kysely<DB>, rootId: number): Promise<number[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('departments')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((q) => q.selectFrom('departments as d').innerJoin('tree', 'tree.id', 'd.parentId').select('d.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Resolves the caller's data scope for a module (the widest of their roles). */
export async function scopeFor(db: Kysely<DB>, actor: Actor, module: ScopedModule): Promise<Scope> {
  const scope = actor.scopes[module];
  if (scope === 'all') return { kind: 'all' };
  if (scope === 'own' || scope === null || actor.departmentId === null) return { kind: 'own', userId: actor.userId };
  const departmentIds = scope === 'department' ? [actor.departmentId] : await departmentSubtree(db, actor.departmentId);
  return { kind: 'departments', userId: actor.userId, departmentIds };
}

/**
 * Restricts a query to the records of a scope. The one place where data scope becomes SQL.
 * A record's department is always its owner's department (assignment, handover and moving a user
 * keep them together), so "owned by someone in these departments" is a plain index lookup and the
 * caller's own records are included without an OR that would defeat the index.
 */
export function whereInScope<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, table: string, scope: Scope): QB {
  if (scope.kind === 'all') return qb;
  if (scope.kind === 'own') return qb.where(sql<boolean>`${sql.ref(`${table}.owner_id`)} = ${scope.userId}`) as QB;
  return qb.where(sql<boolean>`${sql.ref(`${table}.department_id`)} in (${sql.join(scope.departmentIds)})`) as QB;
}
