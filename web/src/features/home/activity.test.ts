import type { NamedAuditLog } from '@relate/common';
import { describe, expect, it } from 'vitest';
import { groupActivity } from './activity';

const entry = (id: number, userId: number, action: string, entity: string): NamedAuditLog => ({
  id,
  createdAt: '2026-12-05T08:00:00.000Z',
  userId,
  username: `u${userId}`,
  userDisplayName: `用户${userId}`,
  ip: null,
  userAgent: null,
  action,
  entity,
  entityId: id,
  changes: null,
  detail: null,
  record: null,
});

describe('home activity groups', () => {
  it('collapses consecutive entries of the same user, action and kind only', () => {
    const groups = groupActivity([
      entry(9, 1, 'update', 'customers'),
      entry(8, 1, 'update', 'customers'),
      entry(7, 1, 'update', 'customers'),
      entry(6, 2, 'update', 'customers'),
      entry(5, 1, 'create', 'customers'),
      entry(4, 1, 'update', 'contacts'),
      entry(3, 1, 'update', 'customers'),
    ]);
    expect(groups.map((g) => g.entries.map((e) => e.id))).toEqual([[9, 8, 7], [6], [5], [4], [3]]);
  });
});
