export { approvalsRoutes } from './approvals.routes.ts';
export { type Approvable, registerApprovable } from './approvals.registry.ts';
export { approvalNeeded } from './approvals.service.ts';
