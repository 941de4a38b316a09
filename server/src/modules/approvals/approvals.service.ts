import type { ApprovableType, ApprovalFlow, ApprovalRequest, ApprovalStatus, Page, Permission } from '@relate/common';
import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../db/json.ts';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, forbidden, notFound, orNotFound } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/events.ts';
import { notify } from '../notifications/index.ts';
import { approvableOf } from './approvals.registry.ts';
import * as repo from './approvals.repository.ts';
import { matchingFlow } from './flows.service.ts';

type Step = ApprovalFlow['steps'][number];

/** Submitting a document locks it: it takes the right to change the document (a refund: to record payments). */
const submitRight: Record<ApprovableType, Permission> = {
  quote: 'quotes.edit',
  order: 'orders.edit',
  contract: 'contracts.edit',
  refund: 'receipts.create',
  // A person submits their own commission statement (a manager, those of their team): it is in their scope.
  commission: 'commission.view',
  // Sales ask for an invoice within their data scope; finance approves it.
  invoice_request: 'invoices.request',
};

/** Whether the caller may change the document: the right to, and the document within their data scope. */
async function mayChange(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<boolean> {
  if (!can(actor, submitRight[documentType])) return false;
  return mayView(ctx, actor, documentType, documentId);
}

async function mayView(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<boolean> {
  try {
    await approvableOf(documentType).load(ctx, actor, documentId);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Who decides a step: the role's active members, the named user, or the submitter's department manager (else the next one up). */
async function approversOf(
  db: Kysely<DB>,
  step: Step,
  submitter: { id: number; departmentId: number | null },
): Promise<number[]> {
  let ids: number[] = [];
  if (step.approverType === 'user' && step.userId) ids = [step.userId];
  if (step.approverType === 'role' && step.roleId) {
    ids = (await repo.listActiveRoleMembers(db, step.roleId)).map((r) => r.id);
  }
  if (step.approverType === 'department_manager') {
    let departmentId = submitter.departmentId;
    while (departmentId !== null && !ids.length) {
      const department = await repo.findDepartmentManager(db, departmentId);
      if (!department) break;
      if (department.managerId && department.managerId !== submitter.id) ids = [department.managerId];
      departmentId = department.parentId;
    }
  }
  const active = ids.length ? (await repo.listActiveUsers(db, ids)).map((r) => r.id) : [];
  // Nobody approves their own request.
  return active.filter((id) => id !== submitter.id);
}

async function openStep(
  trx: Kysely<DB>,
  requestId: number,
  stepIndex: number,
  steps: Step[],
  submitter: { id: number; departmentId: number | null },
  title: string,
) {
  const approvers = await approversOf(trx, steps[stepIndex], submitter);
  if (!approvers.length) throw new AppError('CONFLICT', 'noApprover', undefined, { step: steps[stepIndex].name });
  await repo.insertDecisions(
    trx,
    approvers.map((approverId) => ({
      requestId,
      step: stepIndex,
      approverId,
      decision: 'pending',
      comment: null,
      decidedAt: null,
    })),
  );
  await repo.updateRequest(trx, requestId, { currentStep: stepIndex });
  await notify(
    trx,
    approvers.map((userId) => ({
      userId,
      kind: 'approvalRequested' as const,
      entity: 'approvals',
      entityId: requestId,
      params: { title, step: steps[stepIndex].name },
    })),
  );
  await emitEvent(trx, {
    type: 'approval.waiting',
    entity: 'approvals',
    id: requestId,
    detail: { title, step: steps[stepIndex].name, approvers: approvers.length },
  });
}

/**
 * Submits a document: the first matching flow decides the steps, the first step's approvers are
 * asked, and the document is locked as pending. Returns null when no flow applies (nothing to approve).
 */
export async function submitForApproval(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<ApprovalRequest | null> {
  const approvable = approvableOf(documentType);
  const document = await approvable.load(ctx, actor, documentId);
  if (!can(actor, submitRight[documentType])) throw forbidden();
  await approvable.assertSubmittable(ctx, documentId);
  const flow = await matchingFlow(ctx.db, documentType, document.facts);
  if (!flow) return null;
  const submitter = { id: actor.userId, departmentId: actor.departmentId };
  const id = await inTransaction(ctx, async (ctx) => {
    if (await repo.findPendingRequestOf(ctx.db, documentType, documentId))
      throw new AppError('CONFLICT', 'approvalPending');
    const id = await repo.insertRequest(ctx.db, {
      documentType,
      documentId,
      title: document.title,
      amount: document.amount,
      flowId: flow.id,
      flowName: flow.name,
      steps: writeJson(flow.steps),
      currentStep: 0,
      status: 'pending',
      submittedBy: actor.userId,
      submittedAt: nowIso(),
      decidedAt: null,
      comment: null,
    });
    await openStep(ctx.db, id, 0, flow.steps, submitter, document.title);
    await approvable.setState(ctx.db, documentId, 'pending');
    await writeAudit(ctx.db, actor, {
      action: 'submit',
      entity: approvable.entity,
      entityId: documentId,
      detail: { approvalId: id, flow: flow.name },
    });
    return id;
  });
  return getApproval(ctx, actor, id);
}

/**
 * Submits a document that takes effect once approved: through its matching flow, or — when no flow
 * applies — approved at once, exactly as the last approver would have. Returns the request, or null.
 */
export async function submitOrApprove(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<ApprovalRequest | null> {
  const request = await submitForApproval(ctx, actor, documentType, documentId);
  if (request) return request;
  const approvable = approvableOf(documentType);
  await inTransaction(ctx, async (ctx) => {
    await approvable.setState(ctx.db, documentId, 'approved');
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: approvable.entity,
      entityId: documentId,
      detail: { approval: 'none needed' },
    });
  });
  return null;
}

/** Whether an approval would be needed for the document as it stands. */
export async function approvalNeeded(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<boolean> {
  const document = await approvableOf(documentType).load(ctx, actor, documentId);
  return Boolean(await matchingFlow(ctx.db, documentType, document.facts));
}

async function findRequest(db: Kysely<DB>, id: number) {
  return orNotFound(await repo.findRequest(db, id));
}

async function toRequest(db: Kysely<DB>, actor: Actor, row: repo.RequestRow): Promise<ApprovalRequest> {
  const decisions = await repo.listDecisions(db, row.id);
  const steps = readJson<Step[]>(row.steps, []);
  return {
    id: row.id,
    documentType: row.documentType as ApprovableType,
    documentId: row.documentId,
    title: row.title,
    amount: row.amount,
    flowName: row.flowName,
    steps: steps.map((s) => s.name),
    currentStep: row.currentStep,
    status: row.status as ApprovalStatus,
    submittedBy: row.submittedBy,
    submittedByName: row.submittedByName,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    comment: row.comment,
    decisions: decisions.map((d) => ({
      ...d,
      decision: d.decision as ApprovalRequest['decisions'][number]['decision'],
    })),
    awaitingMe:
      row.status === 'pending' &&
      decisions.some((d) => d.step === row.currentStep && d.approverId === actor.userId && d.decision === 'pending'),
  };
}

/**
 * A request is visible to its submitter, to anyone asked to decide on it, to approval managers, and
 * to whoever can see its document (as the document's list of requests shows it to them).
 */
export async function getApproval(ctx: AppContext, actor: Actor, id: number): Promise<ApprovalRequest> {
  const row = await findRequest(ctx.db, id);
  const request = await toRequest(ctx.db, actor, row);
  if (
    !(await involved(ctx, actor, row, request)) &&
    !(await mayView(ctx, actor, row.documentType as ApprovableType, row.documentId))
  )
    throw notFound();
  return request;
}

async function involved(
  ctx: AppContext,
  actor: Actor,
  row: { id: number; submittedBy: number },
  request?: ApprovalRequest,
): Promise<boolean> {
  if (row.submittedBy === actor.userId || can(actor, 'approvals.manage')) return true;
  if (request) return request.decisions.some((d) => d.approverId === actor.userId);
  return repo.isApproverOf(ctx.db, row.id, actor.userId);
}

export async function listApprovals(
  ctx: AppContext,
  actor: Actor,
  query: {
    view: 'pending' | 'submitted' | 'all';
    documentType?: ApprovableType;
    documentId?: number;
    page: number;
    pageSize: number;
  },
): Promise<Page<ApprovalRequest>> {
  if (query.view === 'all' && !can(actor, 'approvals.manage')) throw forbidden();
  const { ids, total } = await repo.listRequestIds(
    ctx.db,
    {
      submittedBy: query.view === 'submitted' ? actor.userId : undefined,
      awaitingUserId: query.view === 'pending' ? actor.userId : undefined,
      documentType: query.documentType,
      documentId: query.documentId,
    },
    query,
  );
  const items = await Promise.all(ids.map(async (id) => toRequest(ctx.db, actor, await findRequest(ctx.db, id))));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Records the caller's decision on the current step. A rejection ends the request and returns the
 * document to its editable state with the reason; an approval completes the step when one approver
 * suffices (or when all have approved), and the last step approves the document.
 */
export async function decide(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: 'approved' | 'rejected',
  comment: string | null,
): Promise<ApprovalRequest> {
  await inTransaction(ctx, async (ctx) => {
    const request = await findRequest(ctx.db, id);
    if (request.status !== 'pending') throw new AppError('CONFLICT', 'approvalDecided');
    const now = nowIso();
    const mine = await repo.recordDecision(
      ctx.db,
      { id, step: request.currentStep, approverId: actor.userId },
      { decision, comment, decidedAt: now },
    );
    if (!mine) throw forbidden();
    const steps = readJson<Step[]>(request.steps, []);
    const step = steps[request.currentStep];
    const approvable = approvableOf(request.documentType as ApprovableType);
    const finish = async (status: 'approved' | 'rejected') => {
      const done = await repo.closePendingRequest(ctx.db, id, {
        status,
        decidedAt: now,
        comment: status === 'rejected' ? comment : null,
      });
      if (!done) throw new AppError('CONFLICT', 'approvalDecided');
      await repo.skipPendingDecisions(ctx.db, id);
      await approvable.setState(ctx.db, request.documentId, status);
      await notify(ctx.db, [
        {
          userId: request.submittedBy,
          kind: 'approvalDecided',
          entity: 'approvals',
          entityId: id,
          params: { title: request.title, decision: status, comment: comment ?? '' },
        },
      ]);
    };
    if (decision === 'rejected') {
      await finish('rejected');
    } else {
      const open = await repo.listPendingDecisionsOfStep(ctx.db, id, request.currentStep);
      if (step.mode === 'any' || open.length === 0) {
        if (request.currentStep + 1 < steps.length) {
          await repo.skipPendingDecisions(ctx.db, id, request.currentStep);
          const submitter = await repo.findSubmitter(ctx.db, request.submittedBy);
          await openStep(ctx.db, id, request.currentStep + 1, steps, submitter, request.title);
        } else {
          await finish('approved');
        }
      }
    }
    await writeAudit(ctx.db, actor, {
      action: decision === 'approved' ? 'approve' : 'reject',
      entity: 'approvals',
      entityId: id,
      detail: { step: step.name, comment },
    });
  });
  return getApproval(ctx, actor, id);
}

/**
 * Takes a pending request back; the document becomes editable again. The submitter, those asked to
 * approve it, approval managers and whoever may change the document (its owner) may do so.
 */
export async function withdraw(ctx: AppContext, actor: Actor, id: number): Promise<ApprovalRequest> {
  await inTransaction(ctx, async (ctx) => {
    const request = await findRequest(ctx.db, id);
    const documentType = request.documentType as ApprovableType;
    if (!(await involved(ctx, actor, request)) && !(await mayChange(ctx, actor, documentType, request.documentId))) {
      throw (await mayView(ctx, actor, documentType, request.documentId)) ? forbidden() : notFound();
    }
    const done = await repo.closePendingRequest(ctx.db, id, { status: 'withdrawn', decidedAt: nowIso() });
    if (!done) throw new AppError('CONFLICT', 'approvalDecided');
    await repo.skipPendingDecisions(ctx.db, id);
    await approvableOf(request.documentType as ApprovableType).setState(ctx.db, request.documentId, null);
    await writeAudit(ctx.db, actor, { action: 'withdraw', entity: 'approvals', entityId: id });
  });
  return getApproval(ctx, actor, id);
}

/** Every request made for a document, newest first, for anyone who can see the document. */
export async function approvalsOfDocument(
  ctx: AppContext,
  actor: Actor,
  documentType: ApprovableType,
  documentId: number,
): Promise<ApprovalRequest[]> {
  await approvableOf(documentType).load(ctx, actor, documentId);
  const ids = await repo.listRequestIdsOfDocument(ctx.db, documentType, documentId);
  return Promise.all(ids.map(async (id) => toRequest(ctx.db, actor, await findRequest(ctx.db, id))));
}
