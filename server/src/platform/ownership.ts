import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * A module whose records have an owner plugs into handover by moving them from one user to another.
 * Returns the ids it moved so the caller can audit each one.
 */
export type OwnedEntity = {
  entity: string;
  transfer: (trx: Kysely<DB>, fromUserId: number, to: { id: number; departmentId: number | null }) => Promise<number[]>;
};
