import type { DataScope, FieldAccess, Locale, Permission, ScopedModule } from '@relate/common';

/** Who is asking: the signed-in user with the merged rights of all their roles. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  locale: Locale;
  roleIds: number[];
  permissions: Set<string>;
  scopes: Record<ScopedModule, DataScope | null>;
  fieldRules: Record<string, FieldAccess>;
  /** `job`: work done for the user in the background, such as a report sent to them by email. */
  via: 'session' | 'apikey' | 'job';
  sessionId: string | null;
  csrfToken: string | null;
  ip: string | null;
  userAgent: string | null;
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Who did something, for audit rows; also used by jobs and the CLI. */
export type AuditActor = Pick<Actor, 'userId' | 'username' | 'ip' | 'userAgent'>;

export const systemActor: AuditActor = { userId: 0, username: 'system', ip: null, userAgent: null };
