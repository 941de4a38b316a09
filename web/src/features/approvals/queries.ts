import type { ApprovableType, ApprovalFlowInput, ApprovalQuery, Body, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { approvalFlowsApi, approvalsApi } from './api';

export const approvalKeys = {
  ...keysFor('approvals'),
  ofDocument: (documentType: ApprovableType, documentId: number) =>
    keysFor('approvals').part('of', documentType, documentId),
};
export const approvalFlowKeys = keysFor('approval-flows');

export function useApprovals(query: QueryOf<typeof ApprovalQuery>) {
  return useQuery({
    queryKey: approvalKeys.list(query),
    queryFn: () => approvalsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useDocumentApprovals(documentType: ApprovableType, documentId: number) {
  return useQuery({
    queryKey: approvalKeys.ofDocument(documentType, documentId),
    queryFn: () => approvalsApi.ofDocument(documentType, documentId),
  });
}

export function useSubmitForApproval() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: approvalsApi.submit, onSuccess: () => refresh('approvals') });
}

type Decision = { id: number; decision: 'approve' } | { id: number; decision: 'reject'; reason: string };

/**
 * Approves or rejects a request. Like every change of a request, it refreshes the views of approvals and
 * of the document decided (its page, lists, the home page; see alsoShownIn in app/query-keys.ts).
 */
export function useDecideApproval() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (request: Decision) =>
      request.decision === 'approve'
        ? approvalsApi.approve(request.id, { comment: null })
        : approvalsApi.reject(request.id, { comment: request.reason }),
    onSuccess: () => refresh('approvals'),
  });
}

export function useWithdrawApproval() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: approvalsApi.withdraw, onSuccess: () => refresh('approvals') });
}

export function useApprovalFlows() {
  return useQuery({ queryKey: approvalFlowKeys.all, queryFn: approvalFlowsApi.list });
}

export function useSaveApprovalFlow() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ApprovalFlowInput> }) =>
      id ? approvalFlowsApi.update(id, body) : approvalFlowsApi.create(body),
    onSuccess: () => refresh('approval-flows'),
  });
}

export function useDeleteApprovalFlow() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: approvalFlowsApi.remove, onSuccess: () => refresh('approval-flows') });
}
