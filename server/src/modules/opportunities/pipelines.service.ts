import type { Pipeline, PipelineInput, PipelineStage } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { inTransaction } from '../../platform/context.ts';
import * as repo from './pipelines.repository.ts';

const defaultStages: Array<{ code: string; probability: number; kind: PipelineStage['kind'] }> = [
  { code: 'initial', probability: 10, kind: 'open' },
  { code: 'needs', probability: 30, kind: 'open' },
  { code: 'proposal', probability: 50, kind: 'open' },
  { code: 'negotiation', probability: 70, kind: 'open' },
  { code: 'won', probability: 100, kind: 'won' },
  { code: 'lost', probability: 0, kind: 'lost' },
];

/** Installs the default pipeline (新业务 / New business) when there is none. */
export async function seedPipelines(db: Kysely<DB>): Promise<void> {
  if (await repo.anyPipelineExists(db)) return;
  const now = nowIso();
  const id = await repo.insertPipeline(db, {
    name: '新业务',
    nameEn: 'New business',
    isDefault: 1,
    sortOrder: 0,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insertStages(
    db,
    defaultStages.map((s, i) => ({
      pipelineId: id,
      code: s.code,
      probability: s.probability,
      kind: s.kind,
      sortOrder: i,
      requiredFields: writeJson(s.kind === 'won' ? ['amount'] : []),
    })),
  );
}

export async function listPipelines(db: Kysely<DB>): Promise<Pipeline[]> {
  const [pipelines, stages] = await Promise.all([repo.listPipelineRows(db), repo.listStageRows(db)]);
  return pipelines.map((p) => ({
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    isDefault: Boolean(p.isDefault),
    sortOrder: p.sortOrder,
    stages: stages
      .filter((s) => s.pipelineId === p.id)
      .map((s) => ({
        id: s.id,
        code: s.code,
        probability: s.probability,
        kind: s.kind as PipelineStage['kind'],
        sortOrder: s.sortOrder,
        requiredFields: readJson(s.requiredFields, []),
      })),
  }));
}

export async function getPipeline(db: Kysely<DB>, id: number): Promise<Pipeline> {
  return orNotFound((await listPipelines(db)).find((p) => p.id === id));
}

export async function defaultPipeline(db: Kysely<DB>): Promise<Pipeline> {
  const all = await listPipelines(db);
  return orNotFound(all.find((p) => p.isDefault) ?? all[0]);
}

function assertStageSet(stages: z.output<typeof PipelineInput>['stages']) {
  const codes = stages.map((s) => s.code);
  if (new Set(codes).size !== codes.length) throw fieldError('stages', 'duplicateStage');
  if (
    !stages.some((s) => s.kind === 'won') ||
    !stages.some((s) => s.kind === 'lost') ||
    !stages.some((s) => s.kind === 'open')
  )
    throw fieldError('stages', 'stagesNeedOpenWonLost');
}

/** Creates or rewrites a pipeline with its ordered stages; a stage still in use cannot be removed. */
export async function savePipeline(
  db: Kysely<DB>,
  actor: Actor,
  id: number | null,
  input: z.output<typeof PipelineInput>,
): Promise<Pipeline> {
  assertStageSet(input.stages);
  await assertDictionaryCodes(
    db,
    Object.fromEntries(input.stages.map((s, i) => [`stage${i}`, s.code])),
    Object.fromEntries(input.stages.map((_, i) => [`stage${i}`, 'sales_stage' as const])),
  );
  const now = nowIso();
  const pipelineId = await inTransaction(db, async (db) => {
    let pipelineId = id;
    if (pipelineId === null) {
      pipelineId = await repo.insertPipeline(db, {
        name: input.name,
        nameEn: input.nameEn ?? null,
        isDefault: 0,
        sortOrder: input.sortOrder ?? 0,
        createdAt: now,
        updatedAt: now,
      });
    } else {
      orNotFound(await repo.findPipelineId(db, pipelineId));
      await repo.updatePipeline(db, pipelineId, {
        name: input.name,
        nameEn: input.nameEn ?? null,
        ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
        updatedAt: now,
      });
    }
    if (input.isDefault) await repo.makeDefaultPipeline(db, pipelineId);
    const existing = await repo.listStagesOfPipeline(db, pipelineId);
    const kept = new Set(input.stages.map((s) => s.id).filter(Boolean));
    const removed = existing.filter((s) => !kept.has(s.id));
    if (removed.length) {
      const removedIds = removed.map((s) => s.id);
      if (await repo.anyOpportunityInStages(db, removedIds))
        throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { stages: 'stageInUse' });
      await repo.deleteStages(db, removedIds);
    }
    // Codes are unique per pipeline, so kept stages first move out of the way of each other.
    for (const stage of existing.filter((s) => kept.has(s.id)))
      await repo.updateStage(db, stage.id, { code: `~${stage.id}` });
    for (const [i, stage] of input.stages.entries()) {
      const values = {
        code: stage.code,
        probability: stage.probability,
        kind: stage.kind,
        sortOrder: i,
        requiredFields: writeJson(stage.requiredFields),
      };
      if (stage.id && existing.some((s) => s.id === stage.id)) await repo.updateStage(db, stage.id, values);
      else await repo.insertStages(db, [{ ...values, pipelineId: pipelineId! }]);
    }
    await writeAudit(db, actor, {
      action: id === null ? 'create' : 'update',
      entity: 'pipelines',
      entityId: pipelineId,
      detail: { name: input.name, stages: input.stages.map((s) => s.code) },
    });
    return pipelineId!;
  });
  return getPipeline(db, pipelineId);
}

export async function deletePipeline(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const pipeline = await getPipeline(db, id);
  if (pipeline.isDefault) throw fieldError('id', 'defaultPipeline');
  if (await repo.anyOpportunityInPipeline(db, id)) throw fieldError('id', 'pipelineInUse');
  await inTransaction(db, async (db) => {
    await repo.deletePipeline(db, id);
    await writeAudit(db, actor, {
      action: 'delete',
      entity: 'pipelines',
      entityId: id,
      detail: { name: pipeline.name },
    });
  });
}
