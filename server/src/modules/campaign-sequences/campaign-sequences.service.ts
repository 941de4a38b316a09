import {
  type CampaignSequence,
  type CampaignSequenceAnswer,
  CampaignSequenceInput,
  type SequenceSkipReason,
  type SequenceStatus,
  type SequenceStepFigures,
  type SequenceStepSettings,
  sequenceSkipReasons,
  type SequenceStopReason,
  sequenceStopReasons,
} from '@relate/common';
import type { z } from 'zod';
import { writeJson } from '../../db/json.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, type FieldMessage } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { checkedTemplate, createSequenceSend, engagementOfSends } from '../campaign-emails/index.ts';
import { findVisibleCampaign } from '../campaigns/index.ts';
import { hasMailSettings } from '../mail/index.ts';
import { getSegment } from '../segments/index.ts';
import { enabledSmsTemplate, hasSmsProvider } from '../sms/index.ts';
import * as repo from './campaign-sequences.repository.ts';
import { advanceJobKind, stepsOf } from './sequence-runner.ts';

type Input = z.output<typeof CampaignSequenceInput>;

/** The field errors another module's check gave about `templateId` or `segmentId`, under the step's path. */
async function underStep(fields: Record<string, FieldMessage>, path: string, check: () => Promise<unknown>) {
  try {
    await check();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED' || !error.fields) throw error;
    for (const [field, message] of Object.entries(error.fields)) fields[`${path}.${field}`] = message;
  }
}

/**
 * Checks the steps by meaning, as `actor` would run them, and reports every bad one at once under its path
 * (`steps.2.noStep`): marketing templates the actor may use, enabled SMS templates with every variable given,
 * a wait of days or until a day, a branch's "no" going forward, a static segment the actor may change.
 */
async function checkSteps(ctx: AppContext, actor: Actor, steps: SequenceStepSettings[]) {
  const fields: Record<string, FieldMessage> = {};
  for (const [index, step] of steps.entries()) {
    const path = `steps.${index}`;
    switch (step.kind) {
      case 'email':
        await underStep(fields, path, () => checkedTemplate(ctx, actor, step.templateId));
        break;
      case 'sms':
        await underStep(fields, path, async () => {
          const template = await enabledSmsTemplate(ctx, step.templateId);
          for (const variable of template.variables)
            if (!step.variables[variable.name]?.trim())
              fields[`${path}.variables.${variable.name}`] = { key: 'smsVariableMissing' };
        });
        break;
      case 'wait':
        if (Boolean(step.days) === Boolean(step.until)) fields[`${path}.days`] = { key: 'sequenceWaitOne' };
        break;
      case 'branch':
        if (step.condition === 'score' && (step.minScore === null || step.minScore === undefined))
          fields[`${path}.minScore`] = { key: 'required' };
        if (step.noStep && (step.noStep <= index + 1 || step.noStep > steps.length))
          fields[`${path}.noStep`] = { key: 'sequenceBranchForward' };
        break;
      case 'segment': {
        const segment = await getSegment(ctx, actor, step.segmentId).catch(() => null);
        if (!segment) fields[`${path}.segmentId`] = { key: 'notARecordYouSee' };
        else if (segment.kind !== 'static') fields[`${path}.segmentId`] = { key: 'segmentDynamicMembers' };
        else if (!can(actor, 'segments.manage')) fields[`${path}.segmentId`] = { key: 'sequenceSegmentNotAllowed' };
        break;
      }
    }
  }
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', fields);
}

/** A campaign's sequence with each step's figures and where its members stand, or none yet. */
export async function getSequence(ctx: AppContext, actor: Actor, campaignId: number): Promise<CampaignSequenceAnswer> {
  await findVisibleCampaign(ctx, actor, campaignId);
  const row = await repo.findSequenceOf(ctx.db, campaignId);
  return { sequence: row ? await describe(ctx, row) : null };
}

async function describe(ctx: AppContext, row: repo.SequenceRow): Promise<CampaignSequence> {
  const steps = await stepsOf(ctx, row.id);
  const [{ states, members }, runs, engagement] = await Promise.all([
    repo.positionCounts(ctx.db, row.id, row.campaignId),
    repo.runCounts(ctx.db, row.id),
    engagementOfSends(
      ctx.db,
      steps.flatMap((s) => (s.sendId ? [s.sendId] : [])),
    ),
  ]);
  const funnel: CampaignSequence['funnel'] = {
    members,
    entered: 0,
    active: 0,
    waiting: 0,
    completed: 0,
    failed: 0,
    stopped: {},
  };
  for (const s of states) {
    const n = Number(s.n);
    funnel.entered += n;
    if (s.state === 'stopped') {
      if ((sequenceStopReasons as readonly string[]).includes(s.stopReason ?? ''))
        funnel.stopped[s.stopReason as SequenceStopReason] =
          (funnel.stopped[s.stopReason as SequenceStopReason] ?? 0) + n;
    } else if (s.state in funnel) funnel[s.state as 'active' | 'waiting' | 'completed' | 'failed'] += n;
  }
  return {
    id: row.id,
    campaignId: row.campaignId,
    status: row.status as SequenceStatus,
    perSecond: row.perSecond,
    startedAt: row.startedAt,
    startedByName: row.startedByName ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    funnel,
    steps: steps.map((step) => {
      const figures: SequenceStepFigures = {
        current: 0,
        done: 0,
        skipped: {},
        failed: 0,
        yes: 0,
        no: 0,
        ...(step.sendId ? engagement.get(step.sendId) : { opened: 0, clicked: 0 }),
      } as SequenceStepFigures;
      for (const s of states)
        if (s.stepId === step.id && (s.state === 'active' || s.state === 'waiting')) figures.current += Number(s.n);
      for (const r of runs.filter((r) => r.stepId === step.id)) {
        const n = Number(r.n);
        if (r.status === 'done') {
          figures.done += n;
          if (r.outcome === 'yes' || r.outcome === 'no') figures[r.outcome] += n;
        } else if (r.status === 'failed') figures.failed += n;
        else if (r.status === 'skipped' && (sequenceSkipReasons as readonly string[]).includes(r.reason ?? ''))
          figures.skipped[r.reason as SequenceSkipReason] = (figures.skipped[r.reason as SequenceSkipReason] ?? 0) + n;
      }
      return {
        id: step.id,
        position: step.position,
        settings: step.settings,
        figures,
      };
    }),
  };
}

/**
 * Writes a campaign's sequence, its throttle and its steps in order (all of them: the editor sends the list as
 * it stands), creating it if the campaign has none. Only a draft is edited: a started sequence's steps are
 * fixed (members are in them), so a change is refused (409) — pause it instead.
 */
export async function saveSequence(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  input: Input,
): Promise<CampaignSequenceAnswer> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await checkSteps(ctx, actor, input.steps);
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const existing = await repo.findSequenceOf(ctx.db, campaignId);
    if (existing && existing.status !== 'draft') throw new AppError('CONFLICT', 'sequenceNotDraft');
    const id = existing
      ? (await repo.updateSequence(ctx.db, existing.id, ['draft'], { perSecond: input.perSecond, updatedAt: now }),
        existing.id)
      : await repo.insertSequence(ctx.db, {
          campaignId,
          status: 'draft',
          perSecond: input.perSecond,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
    await repo.replaceSteps(
      ctx.db,
      id,
      input.steps.map((step, index) => ({ position: index + 1, kind: step.kind, settings: writeJson(step) })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'sequence.save',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { sequenceId: id, steps: input.steps.map((s) => s.kind) },
    });
  });
  return getSequence(ctx, actor, campaignId);
}

/**
 * Starts a draft (its members enter at the first step, and members added later enter as they come), pauses a
 * running one (nobody moves; waits go on counting) or resumes a paused one. Started or resumed, it acts as the
 * caller: its messages, tasks and segment changes are theirs, within their rights.
 */
export async function changeSequence(
  ctx: AppContext,
  actor: Actor,
  campaignId: number,
  action: 'start' | 'pause' | 'resume',
  origin: string,
): Promise<CampaignSequenceAnswer> {
  await findVisibleCampaign(ctx, actor, campaignId);
  const sequence = await repo.findSequenceOf(ctx.db, campaignId);
  if (!sequence) throw new AppError('NOT_FOUND');
  const steps = await stepsOf(ctx, sequence.id);
  if (action !== 'pause') {
    await checkSteps(
      ctx,
      actor,
      steps.map((s) => s.settings),
    );
    if (steps.some((s) => s.kind === 'email') && !(await hasMailSettings(ctx.db)))
      throw new AppError('CONFLICT', 'mailNotConfigured');
    if (steps.some((s) => s.kind === 'sms') && !(await hasSmsProvider(ctx)))
      throw new AppError('CONFLICT', 'smsNotConfigured');
  }
  await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    const from = { start: 'draft', pause: 'active', resume: 'paused' }[action];
    const moved = await repo.updateSequence(ctx.db, sequence.id, [from], {
      status: action === 'pause' ? 'paused' : 'active',
      ...(action === 'pause' ? {} : { startedBy: actor.userId }),
      ...(action === 'start' ? { startedAt: now, origin } : {}),
      updatedAt: now,
    });
    if (!moved)
      throw new AppError(
        'CONFLICT',
        { start: 'sequenceNotDraft', pause: 'sequenceNotActive', resume: 'sequenceNotPaused' }[action],
      );
    if (action === 'start')
      for (const step of steps)
        if (step.settings.kind === 'email')
          await repo.setStepSend(
            ctx.db,
            step.id,
            await createSequenceSend(ctx.db, {
              campaignId,
              templateId: step.settings.templateId,
              perSecond: sequence.perSecond,
              origin,
              createdBy: actor.userId,
            }),
          );
    if (action !== 'pause')
      await scheduleJob(ctx.db, {
        kind: advanceJobKind,
        runAt: now,
        dedupeKey: `${advanceJobKind}:${sequence.id}@${now}`,
      });
    await writeAudit(ctx.db, actor, {
      action: `sequence.${action}`,
      entity: 'campaigns',
      entityId: campaignId,
      detail: { sequenceId: sequence.id },
    });
  });
  return getSequence(ctx, actor, campaignId);
}

/** Deletes a draft sequence; a started one keeps its members' history (409): pause it instead. */
export async function deleteSequence(ctx: AppContext, actor: Actor, campaignId: number): Promise<void> {
  await findVisibleCampaign(ctx, actor, campaignId);
  await inTransaction(ctx, async (ctx) => {
    const sequence = await repo.findSequenceOf(ctx.db, campaignId);
    if (!sequence) throw new AppError('NOT_FOUND');
    if (sequence.status !== 'draft') throw new AppError('CONFLICT', 'sequenceNotDraft');
    await repo.deleteSequence(ctx.db, sequence.id);
    await writeAudit(ctx.db, actor, {
      action: 'sequence.delete',
      entity: 'campaigns',
      entityId: campaignId,
      detail: { sequenceId: sequence.id },
    });
  });
}
