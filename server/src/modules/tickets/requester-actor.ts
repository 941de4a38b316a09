import { scopedModules } from '@relate/common';
import type { Actor } from '../../platform/actor.ts';

/**
 * Someone outside the company opening a ticket (a website visitor, a portal customer): no rights
 * beyond that, every customer in reach so the ticket can be linked to theirs. Audit rows name them.
 */
export function requesterActor(username: string, client: { ip: string | null; userAgent: string | null }): Actor {
  return {
    userId: 0,
    username,
    displayName: username,
    departmentId: null,
    locale: 'zh-CN',
    roleIds: [],
    permissions: new Set(['tickets.create']),
    scopes: Object.fromEntries(scopedModules.map((m) => [m, 'all'])) as Actor['scopes'],
    fieldRules: {},
    via: 'session',
    sessionId: null,
    csrfToken: null,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}
