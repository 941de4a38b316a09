export { commissionRoutes } from './commission.routes.ts';
export { statementApprovable } from './statement-approvable.ts';
export { monthlyStatements } from './generation.service.ts';
