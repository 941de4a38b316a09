import type { Survey, SurveyInput, SurveyQuestion } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import * as repo from './surveys.repository.ts';

const toSurvey = (row: repo.SurveyRow): Survey => ({
  id: row.id,
  name: row.name,
  intro: row.intro,
  questions: readJson<SurveyQuestion[]>(row.questions, []),
  active: Boolean(row.active),
  sent: Number(row.sent ?? 0),
  answered: Number(row.answered ?? 0),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export async function listSurveys(ctx: AppContext): Promise<Survey[]> {
  return (await repo.listSurveys(ctx.db)).map(toSurvey);
}

export async function getSurvey(db: Kysely<DB>, id: number): Promise<Survey> {
  return toSurvey(orNotFound(await repo.findSurvey(db, id)));
}

export async function createSurvey(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof SurveyInput>,
): Promise<Survey> {
  const at = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertSurvey(ctx.db, {
      name: input.name,
      intro: input.intro ?? null,
      questions: writeJson(input.questions),
      active: input.active ? 1 : 0,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'surveys',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return getSurvey(ctx.db, id);
}

/** Edits keep the answers already given: they are matched to questions by key. */
export async function updateSurvey(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof SurveyInput>,
): Promise<Survey> {
  await getSurvey(ctx.db, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateSurvey(ctx.db, id, {
      name: input.name,
      intro: input.intro ?? null,
      questions: writeJson(input.questions),
      active: input.active ? 1 : 0,
      updatedAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'surveys',
      entityId: id,
      detail: { name: input.name },
    });
  });
  return getSurvey(ctx.db, id);
}

/** A deleted survey takes no more answers; the answers given stay in the reports' history. */
export async function deleteSurvey(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const survey = await getSurvey(ctx.db, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateSurvey(ctx.db, id, { deletedAt: nowIso(), active: 0 });
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'surveys',
      entityId: id,
      detail: { name: survey.name },
    });
  });
}
