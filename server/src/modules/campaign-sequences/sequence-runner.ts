import { randomUUID } from 'node:crypto';
import type { SequenceStepSettings } from '@relate/common';
import { readJson } from '../../db/json.ts';
import { dayStart } from '../../db/time.ts';
import { loadActor } from '../../platform/authenticate.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { instanceId } from '../../platform/jobs.ts';
import { findVisibleCampaign } from '../campaigns/index.ts';
import {
  type CampaignMailer,
  failInterruptedMember,
  mailMember,
  openCampaignMailer,
} from '../campaign-emails/index.ts';
import { getSegment } from '../segments/index.ts';
import { getSettings } from '../settings/index.ts';
import { hasSmsProvider, sendMarketingSms } from '../sms/index.ts';
import { displayNamesOf } from '../users/index.ts';
import * as repo from './campaign-sequences.repository.ts';
import {
  changeSegment,
  meetsCondition,
  mergeText,
  type SequenceActing,
  smsNumberOf,
  smsRefusal,
  type StepResult,
  taskForOwner,
} from './sequence-steps.ts';

/** The job that moves members through every active sequence: every minute, and at once when one starts. */
export const advanceJobKind = 'campaignSequences.advance';

/** Points in a run where a test stops it as a crash would: the claim is recorded, the message is (not yet, or already) gone. */
export type RunHooks = {
  beforeSend?: (memberId: number) => void | Promise<void>;
  afterSend?: (memberId: number) => void | Promise<void>;
};

export type AdvanceOptions = {
  /** The run's clock: what is due, when waits end, when tasks fall due. */
  now?: Date;
  /** How many members one claim takes. */
  batchSize?: number;
  /** A run stops claiming more once it has worked this long; the next run goes on. */
  budgetMs?: number;
  hooks?: RunHooks;
};

/** A hook's failure ends the run at once, as a crash would, instead of failing the member it was at. */
class Crashed extends Error {
  constructor(readonly original: unknown) {
    super('crashed');
  }
}

const crashingHook = (hook: ((id: number) => void | Promise<void>) | undefined, memberId: number) => async () => {
  try {
    await hook?.(memberId);
  } catch (error) {
    throw new Crashed(error);
  }
};

/** How long a sequence that cannot send (no mail server, no SMS provider) waits before its members are tried again. */
const blockedRetryMs = 15 * 60_000;

export type Step = Omit<repo.StepRow, 'settings'> & { settings: SequenceStepSettings };
type Sequence = {
  id: number;
  campaignId: number;
  perSecond: number;
  steps: Step[];
  acting: SequenceActing | null;
  segments: Map<number, string>;
};

/** The channels a sequence's steps send on: consent withdrawn on one of them stops a member. */
export function channelsOf(steps: Array<{ kind: string }>): Array<'email' | 'sms'> {
  return (['email', 'sms'] as const).filter((channel) => steps.some((s) => s.kind === channel));
}

/** Where a member stands on arriving at a step at `at`: a wait holds it until its end, any other step is due. */
export function placeAt(step: { kind: string; settings: SequenceStepSettings }, at: Date, timezone: string) {
  if (step.settings.kind !== 'wait') return { state: 'active', nextRunAt: at.toISOString() };
  const until = step.settings.until
    ? dayStart(step.settings.until, timezone)
    : new Date(at.getTime() + (step.settings.days ?? 1) * 86_400_000).toISOString();
  return { state: 'waiting', nextRunAt: until };
}

/**
 * One run of the job: enters new members of each active sequence at its first step, stops those who converted,
 * unsubscribed or withdrew consent, then claims the due members a batch at a time and takes each through its
 * step. A message's step is recorded (unique per member and step) before the message goes, and the member is
 * moved on in the same transaction that records its outcome: a run that stops in between leaves the step
 * "running", and the next run that takes the member fails it as interrupted instead of sending again. Sends
 * are paced at each sequence's messages per second. Answers how many steps it took members through.
 */
export async function advanceSequences(ctx: AppContext, options: AdvanceOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const { timezone } = await getSettings(ctx.db);
  for (const sequence of await repo.activeSequences(ctx.db)) {
    const steps = await stepsOf(ctx, sequence.id);
    if (!steps.length) continue;
    const first = placeAt(steps[0]!, now, timezone);
    await repo.enterMembers(ctx.db, sequence, { stepId: steps[0]!.id, ...first }, at);
    await repo.stopLeavers(ctx.db, sequence, channelsOf(steps), at);
  }
  const run = new Run(ctx, now, timezone, options);
  const started = Date.now();
  try {
    for (;;) {
      const claimed = await repo.claimDue(ctx.db, ctx.dialect, {
        worker: run.worker,
        now: at,
        staleBefore: run.staleBefore,
        limit: options.batchSize ?? 100,
      });
      if (!claimed.length) break;
      await run.workThrough(claimed);
      if (Date.now() - started > (options.budgetMs ?? 50_000)) break;
    }
  } finally {
    run.close();
  }
  return run.steps;
}

/** A sequence's steps in order, each with its settings read. */
export async function stepsOf(ctx: AppContext, sequenceId: number): Promise<Step[]> {
  return (await repo.stepsOf(ctx.db, sequenceId)).map((s) => ({
    ...s,
    settings: readJson<SequenceStepSettings>(s.settings, { kind: 'end' }),
  }));
}

class Run {
  readonly worker = `${instanceId}:${randomUUID()}`;
  readonly staleBefore: string;
  readonly at: string;
  steps = 0;
  private mailer: Promise<CampaignMailer | null> | null = null;
  private readonly paces = new Map<number, { started: number; count: number }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly now: Date,
    private readonly timezone: string,
    private readonly options: AdvanceOptions,
  ) {
    this.at = now.toISOString();
    this.staleBefore = new Date(now.getTime() - ctx.config.workLockTimeoutMs).toISOString();
  }

  close() {
    void this.mailer?.then((m) => m?.pool.close());
  }

  /** The claimed members, in order; each sequence read afresh for the batch (a pause is seen at the next). */
  async workThrough(claimed: repo.ClaimedPosition[]) {
    const sequences = new Map<number, Sequence | null>();
    const members = new Map(
      (
        await repo.membersOf(
          this.ctx.db,
          claimed.map((p) => p.memberId),
        )
      ).map((m) => [m.id, m]),
    );
    for (const position of claimed) {
      if (!sequences.has(position.sequenceId)) sequences.set(position.sequenceId, await this.sequence(position));
      const sequence = sequences.get(position.sequenceId)!;
      const member = members.get(position.memberId);
      const step = sequence?.steps.find((s) => s.id === position.stepId);
      if (!sequence || !member || !step) {
        await this.move(position, { stepId: position.stepId, state: position.state, nextRunAt: this.later() });
        continue;
      }
      if (!(await repo.renewClaim(this.ctx.db, position.id, this.worker, this.at))) continue;
      try {
        await this.take(sequence, step, position, member);
        this.steps++;
      } catch (error) {
        if (error instanceof Crashed) throw error.original;
        // Whatever went wrong for this member (not for the run) takes it out, with the error, so it cannot stop the rest.
        await this.move(position, {
          stepId: position.stepId,
          state: 'failed',
          nextRunAt: null,
          finishedAt: this.at,
          error: ((error as Error).message ?? String(error)).slice(0, 500),
        });
      }
    }
  }

  private async sequence(position: repo.ClaimedPosition): Promise<Sequence | null> {
    const row = await repo.findSequence(this.ctx.db, position.sequenceId);
    if (row?.status !== 'active') return null;
    const steps = await stepsOf(this.ctx, row.id);
    const actor = row.startedBy ? await loadActor(this.ctx.db, row.startedBy, { via: 'job' }, { headers: {} }) : null;
    // The user it acts as can no longer sign in: it pauses until someone resumes it (and acts as them).
    if (!actor) {
      await repo.updateSequence(this.ctx.db, row.id, ['active'], { status: 'paused', updatedAt: this.at });
      return null;
    }
    const campaign = await findVisibleCampaign(this.ctx, actor, row.campaignId).catch(() => null);
    if (!campaign) {
      await repo.updateSequence(this.ctx.db, row.id, ['active'], { status: 'paused', updatedAt: this.at });
      return null;
    }
    const segments = new Map<number, string>();
    for (const step of steps)
      if (step.settings.kind === 'segment' && !segments.has(step.settings.segmentId)) {
        const segment = await getSegment(this.ctx, actor, step.settings.segmentId).catch(() => null);
        if (segment) segments.set(segment.id, segment.entity);
      }
    return {
      id: row.id,
      campaignId: row.campaignId,
      perSecond: row.perSecond,
      steps,
      segments,
      acting: {
        actor,
        campaignId: row.campaignId,
        campaignName: campaign.name,
        ownerNames: new Map(),
      },
    };
  }

  /** Takes a claimed member through its step. */
  private async take(sequence: Sequence, step: Step, position: repo.ClaimedPosition, member: repo.MemberRow) {
    const acting = sequence.acting!;
    if (member.ownerId && !acting.ownerNames.has(member.ownerId))
      for (const [id, name] of await displayNamesOf(this.ctx.db, [member.ownerId])) acting.ownerNames.set(id, name);
    const settings = step.settings;
    switch (settings.kind) {
      case 'email':
        return this.send(sequence, step, position, async () => {
          if (!member.email?.trim()) return { status: 'skipped', reason: 'noAddress' };
          const mailer = await this.openMailer();
          if (!mailer) return 'blocked';
          return async () => {
            const sent = await mailMember(
              this.ctx,
              mailer,
              {
                sendId: step.sendId!,
                memberId: member.id,
                entity: member.entity,
                entityId: member.entityId,
                email: member.email!.trim(),
                actor: acting.actor,
              },
              { afterSend: crashingHook(this.options.hooks?.afterSend, member.id) },
            );
            if (sent.status === 'sent') return { status: 'done' };
            if (sent.status === 'skipped') return { status: 'skipped', reason: sent.reason as 'noConsent' };
            return { status: 'failed', reason: sent.status === 'taken' ? 'interrupted' : (sent.reason ?? 'failed') };
          };
        });
      case 'sms':
        return this.send(sequence, step, position, async () => {
          const refusal = await smsRefusal(this.ctx, acting, member);
          if (refusal) return { status: 'skipped', reason: refusal };
          if (!(await hasSmsProvider(this.ctx))) return 'blocked';
          return async () => {
            const values = Object.fromEntries(
              Object.entries(settings.variables).map(([name, text]) => [name, mergeText(text, member, acting)]),
            );
            const sent = await sendMarketingSms(this.ctx, acting.actor, {
              phone: smsNumberOf(member)!,
              templateId: settings.templateId,
              values,
              record: {
                entity: member.entity as 'contacts' | 'leads' | 'customers',
                id: member.entityId,
                customerId: member.customerId,
              },
              campaignId: sequence.campaignId,
            });
            await crashingHook(this.options.hooks?.afterSend, member.id)();
            if (sent.status === 'sent') return { status: 'done' };
            if (sent.status === 'skipped') return { status: 'skipped', reason: sent.reason as 'suppressed' };
            return { status: 'failed', reason: sent.reason ?? 'failed' };
          };
        });
      case 'task':
        return this.record(sequence, step, position, (ctx) => taskForOwner(ctx, acting, settings, member, this.now));
      case 'segment':
        return this.record(sequence, step, position, (ctx) =>
          changeSegment(ctx, acting, settings, member, sequence.segments.get(settings.segmentId)),
        );
      case 'branch':
        return this.record(sequence, step, position, async (ctx) => ({
          status: 'done',
          outcome: (await meetsCondition(ctx, settings, member)) ? 'yes' : 'no',
        }));
      case 'wait':
      case 'end':
        return this.record(sequence, step, position, async () => ({ status: 'done' }));
    }
  }

  /**
   * A step with no outside effect (a wait ending, a branch, a task, a segment change): recorded, done and the
   * member moved on in one transaction, so it happens once or not at all. A refusal (the starter may not give the
   * owner a task, or see the segment) rolls it back and records the step skipped instead.
   */
  private async record(
    sequence: Sequence,
    step: Step,
    position: repo.ClaimedPosition,
    work: (ctx: AppContext) => Promise<StepResult>,
  ) {
    const recorded = await inTransaction(this.ctx, async (ctx) => {
      const runId = await repo.insertRun(ctx.db, this.runRow(sequence, step, position, 'running'));
      if (!runId) return false;
      const result = await work(ctx);
      await this.finish(ctx, sequence, step, position, runId, result);
      return true;
    }).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return 'refused' as const;
    });
    if (recorded === 'refused')
      await inTransaction(this.ctx, async (ctx) => {
        const runId = await repo.insertRun(ctx.db, this.runRow(sequence, step, position, 'running'));
        if (runId) await this.finish(ctx, sequence, step, position, runId, { status: 'skipped', reason: 'notAllowed' });
      });
    else if (!recorded) await this.resume(sequence, step, position);
  }

  /**
   * A step that sends a message: `check` answers why not (skipped, recorded at once), that it cannot go yet (no
   * mail server or SMS provider: tried again later) or how to send it. The step is recorded as running before
   * the message goes, the pace kept, then its outcome recorded with the member's move in one transaction.
   */
  private async send(
    sequence: Sequence,
    step: Step,
    position: repo.ClaimedPosition,
    check: () => Promise<StepResult | 'blocked' | (() => Promise<StepResult>)>,
  ) {
    const next = await check();
    if (next === 'blocked') {
      await this.move(position, {
        stepId: position.stepId,
        state: position.state,
        nextRunAt: this.later(),
      });
      return;
    }
    if (typeof next !== 'function') return this.record(sequence, step, position, async () => next);
    const runId = await repo.insertRun(this.ctx.db, this.runRow(sequence, step, position, 'running'));
    if (!runId) return this.resume(sequence, step, position);
    await this.pace(sequence);
    await crashingHook(this.options.hooks?.beforeSend, position.memberId)();
    const result = await next();
    await inTransaction(this.ctx, (ctx) => this.finish(ctx, sequence, step, position, runId, result));
  }

  /**
   * The member's step was recorded by an earlier run: one still at it (claimed recently) is left to it; one that
   * stopped in the middle left the step running — its message may have gone, so the step is failed as
   * interrupted, never sent again — and the member moves on; one that finished moves the member on its way.
   */
  private async resume(sequence: Sequence, step: Step, position: repo.ClaimedPosition) {
    const run = await repo.findRun(this.ctx.db, position.id, step.id);
    if (!run) return;
    if (run.status === 'running' && run.startedAt >= this.staleBefore) return;
    await inTransaction(this.ctx, async (ctx) => {
      if (run.status === 'running') {
        await repo.finishRun(ctx.db, run.id, { status: 'failed', reason: 'interrupted', finishedAt: this.at });
        if (step.sendId) await failInterruptedMember(ctx, step.sendId, position.memberId);
      }
      await this.moveOn(ctx, sequence, step, position, run.outcome === 'no' ? 'no' : undefined);
    });
  }

  private runRow(sequence: Sequence, step: Step, position: repo.ClaimedPosition, status: string) {
    return { sequenceId: sequence.id, positionId: position.id, stepId: step.id, status, startedAt: this.at };
  }

  private async finish(
    ctx: AppContext,
    sequence: Sequence,
    step: Step,
    position: repo.ClaimedPosition,
    runId: number,
    result: StepResult,
  ) {
    await repo.finishRun(ctx.db, runId, {
      status: result.status,
      outcome: result.status === 'done' ? (result.outcome ?? null) : null,
      reason: result.status === 'done' ? null : result.reason.slice(0, 500),
      finishedAt: this.at,
    });
    await this.moveOn(ctx, sequence, step, position, result.status === 'done' ? result.outcome : undefined);
  }

  /** To the next step, or a branch's "no" step, or out of the sequence (completed) after the last or an end step. */
  private async moveOn(
    ctx: AppContext,
    sequence: Sequence,
    step: Step,
    position: repo.ClaimedPosition,
    outcome?: 'yes' | 'no',
  ) {
    const index = sequence.steps.indexOf(step);
    const settings = step.settings;
    const next =
      settings.kind === 'end'
        ? undefined
        : settings.kind === 'branch' && outcome === 'no'
          ? sequence.steps.find((s) => s.position === settings.noStep)
          : sequence.steps[index + 1];
    const place = next
      ? { stepId: next.id, stepAt: this.at, ...placeAt(next, this.now, this.timezone) }
      : { stepId: null, state: 'completed', nextRunAt: null, finishedAt: this.at };
    await repo.moveMember(ctx.db, position.id, this.worker, place);
  }

  private move(position: repo.ClaimedPosition, place: Parameters<typeof repo.moveMember>[3]) {
    return repo.moveMember(this.ctx.db, position.id, this.worker, place);
  }

  /** When a member that could not be taken through its step now is tried again. */
  private later() {
    return new Date(this.now.getTime() + blockedRetryMs).toISOString();
  }

  private openMailer() {
    this.mailer ??= openCampaignMailer(this.ctx);
    return this.mailer;
  }

  /** Waits until the sequence's next message may go: its messages per second from the run's first one on. */
  private async pace(sequence: Sequence) {
    const pace = this.paces.get(sequence.id) ?? { started: Date.now(), count: 0 };
    this.paces.set(sequence.id, pace);
    const wait = pace.started + (pace.count++ * 1000) / sequence.perSecond - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
