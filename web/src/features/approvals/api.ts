import type {
  ApprovableType,
  ApprovalComment,
  ApprovalFlow,
  ApprovalFlowInput,
  ApprovalQuery,
  ApprovalRejection,
  ApprovalRequest,
  ApprovalSubmit,
  Body,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const approvalsApi = {
  list: (query: QueryOf<typeof ApprovalQuery>) => api.get<Page<ApprovalRequest>>('/api/v1/approvals', query),
  /** The requests of one document, latest first. */
  ofDocument: (documentType: ApprovableType, documentId: number) =>
    api.get<ApprovalRequest[]>(`/api/v1/approvals/of/${documentType}/${documentId}`),
  /** Null when no flow applies to the document: it needs no approval. */
  submit: (body: Body<typeof ApprovalSubmit>) => api.post<ApprovalRequest | null>('/api/v1/approvals', body),
  approve: (id: number, body: Body<typeof ApprovalComment>) =>
    api.post<ApprovalRequest>(`/api/v1/approvals/${id}/approve`, body),
  reject: (id: number, body: Body<typeof ApprovalRejection>) =>
    api.post<ApprovalRequest>(`/api/v1/approvals/${id}/reject`, body),
  withdraw: (id: number) => api.post<ApprovalRequest>(`/api/v1/approvals/${id}/withdraw`),
};

export const approvalFlowsApi = {
  list: () => api.get<ApprovalFlow[]>('/api/v1/approval-flows'),
  create: (body: Body<typeof ApprovalFlowInput>) => api.post<ApprovalFlow>('/api/v1/approval-flows', body),
  update: (id: number, body: Body<typeof ApprovalFlowInput>) =>
    api.put<ApprovalFlow>(`/api/v1/approval-flows/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/approval-flows/${id}`),
};
