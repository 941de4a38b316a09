import { type Kysely, sql } from 'kysely';

/**
 * An agent's queue in the order it is worked — VIP first, then urgency, then oldest — straight from
 * an index over open tickets only, so the first page is read without sorting the agent's backlog.
 * The urgency expression and the status list are written exactly as the queue query writes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index tickets_queue on tickets (owner_id, vip desc, (case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end), id) where deleted_at is null and status in ('new', 'assigned', 'in_progress', 'waiting', 'reopened')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tickets_queue`.execute(db);
}
