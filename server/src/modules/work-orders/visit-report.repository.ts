import type { Insertable, Kysely } from 'kysely';
import type { DB, ServiceUsageTable, TicketMessageTable } from '../../db/schema.ts';

// What a finished visit writes on its ticket: a note in the thread and the usage of its service contract.

export async function insertTicketMessage(db: Kysely<DB>, row: Insertable<TicketMessageTable>): Promise<void> {
  await db.insertInto('ticketMessages').values(row).execute();
}

export function getTicketServiceContract(db: Kysely<DB>, ticketId: number) {
  return db.selectFrom('tickets').select('serviceContractId').where('id', '=', ticketId).executeTakeFirstOrThrow();
}

export async function insertServiceUsage(db: Kysely<DB>, row: Insertable<ServiceUsageTable>): Promise<void> {
  await db.insertInto('serviceUsage').values(row).execute();
}
