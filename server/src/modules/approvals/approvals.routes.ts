import {
  ApprovalComment,
  ApprovalDocumentParams,
  ApprovalFlow,
  ApprovalFlowInput,
  ApprovalQuery,
  ApprovalRejection,
  ApprovalRequest,
  ApprovalSubmit,
  IdParams,
  pageOf,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './approvals.service.ts';
import * as flows from './flows.service.ts';

export function approvalsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'approvals';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/approval-flows',
      access: 'approvals.manage',
      tag,
      summary: 'Approval flows of every document type',
      response: z.array(ApprovalFlow),
    },
    async () => flows.listFlows(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/approval-flows',
      access: 'approvals.manage',
      tag,
      summary: 'Create an approval flow: conditions on the document and ordered steps',
      body: ApprovalFlowInput,
      response: ApprovalFlow,
      status: 201,
    },
    async ({ actor, body }) => flows.createFlow(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/approval-flows/:id',
      access: 'approvals.manage',
      tag,
      summary: 'Change an approval flow (requests already made keep their steps)',
      params: IdParams,
      body: ApprovalFlowInput,
      response: ApprovalFlow,
    },
    async ({ actor, params, body }) => flows.updateFlow(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/approval-flows/:id',
      access: 'approvals.manage',
      tag,
      summary: 'Delete an approval flow (switched off if requests were made under it)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => flows.deleteFlow(ctx, actor, params.id),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/approvals',
      reads: 'replica',
      access: 'authenticated',
      tag,
      summary: 'Approval requests waiting for you, submitted by you, or all (approvals.manage)',
      query: ApprovalQuery,
      response: pageOf(ApprovalRequest),
    },
    async ({ actor, query }) => service.listApprovals(ctx, actor, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/approvals/:id',
      access: 'authenticated',
      tag,
      summary: 'One approval request with every decision',
      params: IdParams,
      response: ApprovalRequest,
    },
    async ({ actor, params }) => service.getApproval(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/approvals/of/:documentType/:documentId',
      access: 'authenticated',
      tag,
      summary: 'The approval requests of a document you can see',
      params: ApprovalDocumentParams,
      response: z.array(ApprovalRequest),
    },
    async ({ actor, params }) => service.approvalsOfDocument(ctx, actor, params.documentType, params.documentId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/approvals',
      access: 'authenticated',
      tag,
      summary: 'Submit a document for approval; null when no flow applies to it',
      body: ApprovalSubmit,
      response: ApprovalRequest.nullable(),
    },
    async ({ actor, body }) => service.submitForApproval(ctx, actor, body.documentType, body.documentId),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/approvals/:id/approve',
      access: 'authenticated',
      tag,
      summary: 'Approve the current step (as one of its approvers)',
      params: IdParams,
      body: ApprovalComment,
      response: ApprovalRequest,
    },
    async ({ actor, params, body }) => service.decide(ctx, actor, params.id, 'approved', body.comment ?? null),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/approvals/:id/reject',
      access: 'authenticated',
      tag,
      summary: 'Reject with a reason; the document returns to draft',
      params: IdParams,
      body: ApprovalRejection,
      response: ApprovalRequest,
    },
    async ({ actor, params, body }) => service.decide(ctx, actor, params.id, 'rejected', body.comment),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/approvals/:id/withdraw',
      access: 'authenticated',
      tag,
      summary: 'Take back your pending request',
      params: IdParams,
      response: ApprovalRequest,
    },
    async ({ actor, params }) => service.withdraw(ctx, actor, params.id),
  );
}
