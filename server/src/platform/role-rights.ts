import { type DataScope, type FieldAccess, dataScopes, scopedModules, type ScopedModule } from '@relate/common';
import { readJson } from '../db/json.ts';

type RoleRow = { permissions: unknown; dataScopes: unknown; fieldRules: unknown };

export type Rights = {
  permissions: Set<string>;
  scopes: Record<ScopedModule, DataScope | null>;
  fieldRules: Record<string, FieldAccess>;
};

/**
 * Merges the rights of several roles: permissions add up, the widest data scope wins,
 * and a field stays restricted only when every role restricts it.
 */
export function mergeRoleRights(roles: RoleRow[]): Rights {
  const permissions = new Set<string>();
  const scopes = Object.fromEntries(scopedModules.map((m) => [m, null])) as Record<ScopedModule, DataScope | null>;
  const ruleSets: Array<Record<string, FieldAccess>> = [];
  for (const role of roles) {
    for (const permission of readJson<string[]>(role.permissions, [])) permissions.add(permission);
    const roleScopes = readJson<Partial<Record<ScopedModule, DataScope>>>(role.dataScopes, {});
    for (const module of scopedModules) {
      const scope = roleScopes[module];
      if (scope && (scopes[module] === null || dataScopes.indexOf(scope) > dataScopes.indexOf(scopes[module]!))) {
        scopes[module] = scope;
      }
    }
    ruleSets.push(readJson<Record<string, FieldAccess>>(role.fieldRules, {}));
  }
  const fieldRules: Record<string, FieldAccess> = {};
  const candidates = new Set(ruleSets.flatMap((rules) => Object.keys(rules)));
  for (const field of candidates) {
    const levels = ruleSets.map((rules) => rules[field]);
    if (levels.length === 0 || levels.some((level) => level === undefined)) continue;
    fieldRules[field] = levels.includes('readonly') ? 'readonly' : 'hidden';
  }
  return { permissions, scopes, fieldRules };
}
