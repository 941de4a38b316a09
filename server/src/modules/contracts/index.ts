export { contractsRoutes } from './contracts.routes.ts';
export { contractSweep, contractsOwnership, getContract, remindRenewal } from './contracts.service.ts';
export { contractApprovable } from './contract-approvable.ts';
export { listContracts } from './contracts.service.ts';
export { contractLabels } from './contracts.labels.ts';
