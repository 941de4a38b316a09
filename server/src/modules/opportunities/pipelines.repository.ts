import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, PipelineStageTable, PipelineTable } from '../../db/schema.ts';

export async function anyPipelineExists(db: Kysely<DB>): Promise<boolean> {
  return Boolean(await db.selectFrom('pipelines').select('id').limit(1).executeTakeFirst());
}

export function listPipelineRows(db: Kysely<DB>) {
  return db.selectFrom('pipelines').selectAll().orderBy('sortOrder').orderBy('id').execute();
}

export function listStageRows(db: Kysely<DB>) {
  return db.selectFrom('pipelineStages').selectAll().orderBy('sortOrder').execute();
}

export function findPipelineId(db: Kysely<DB>, id: number) {
  return db.selectFrom('pipelines').select('id').where('id', '=', id).executeTakeFirst();
}

export async function insertPipeline(db: Kysely<DB>, row: Insertable<PipelineTable>): Promise<number> {
  return (await db.insertInto('pipelines').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updatePipeline(db: Kysely<DB>, id: number, values: Updateable<PipelineTable>) {
  return db.updateTable('pipelines').set(values).where('id', '=', id).execute();
}

/** Makes one pipeline the default and every other one not. */
export async function makeDefaultPipeline(db: Kysely<DB>, id: number) {
  await db.updateTable('pipelines').set({ isDefault: 0 }).execute();
  await db.updateTable('pipelines').set({ isDefault: 1 }).where('id', '=', id).execute();
}

export function deletePipeline(db: Kysely<DB>, id: number) {
  return db.deleteFrom('pipelines').where('id', '=', id).execute();
}

export function listStagesOfPipeline(db: Kysely<DB>, pipelineId: number) {
  return db.selectFrom('pipelineStages').select(['id', 'code']).where('pipelineId', '=', pipelineId).execute();
}

export function insertStages(db: Kysely<DB>, rows: Insertable<PipelineStageTable>[]) {
  return db.insertInto('pipelineStages').values(rows).execute();
}

export function updateStage(db: Kysely<DB>, id: number, values: Updateable<PipelineStageTable>) {
  return db.updateTable('pipelineStages').set(values).where('id', '=', id).execute();
}

export function deleteStages(db: Kysely<DB>, ids: number[]) {
  return db.deleteFrom('pipelineStages').where('id', 'in', ids).execute();
}

export async function anyOpportunityInStages(db: Kysely<DB>, stageIds: number[]): Promise<boolean> {
  return Boolean(
    await db.selectFrom('opportunities').select('id').where('stageId', 'in', stageIds).limit(1).executeTakeFirst(),
  );
}

export async function anyOpportunityInPipeline(db: Kysely<DB>, pipelineId: number): Promise<boolean> {
  return Boolean(
    await db.selectFrom('opportunities').select('id').where('pipelineId', '=', pipelineId).limit(1).executeTakeFirst(),
  );
}
