import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import * as sla from './sla.repository.ts';

/**
 * A fresh install's service level: a first answer within 4 working hours and a resolution within 3 working
 * days (8-hour days), for every ticket. The administrator tightens it per priority, type or customer level;
 * a more specific policy always wins over this one.
 */
export async function seedDefaultSlaPolicy(db: Kysely<DB>): Promise<void> {
  if ((await sla.listSlaPolicies(db)).length) return;
  const now = nowIso();
  await sla.insertSlaPolicy(db, {
    name: '标准服务时限 Standard',
    ticketType: null,
    priority: null,
    customerLevel: null,
    firstResponseMinutes: 4 * 60,
    resolutionMinutes: 3 * 8 * 60,
    active: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export async function hasActiveSlaPolicy(db: Kysely<DB>): Promise<boolean> {
  return (await sla.listActiveSlaPolicies(db)).length > 0;
}
