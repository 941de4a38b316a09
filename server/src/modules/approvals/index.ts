export { approvalsRoutes } from './approvals.routes.ts';
export { type Approvable, registerApprovable } from './approvals.registry.ts';
export { approvalNeeded, submitForApproval, submitOrApprove } from './approvals.service.ts';
export { getApproval } from './approvals.service.ts';
