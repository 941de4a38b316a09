export { paymentsRoutes } from './payments.routes.ts';
export { overdueReminderSweep, remindOverdue } from './overdue-reminders.ts';
export { refundApprovable } from './refund-approvable.ts';
export { headlineCurrency } from './receivables.service.ts';
export { receiptLabels } from './receipts.labels.ts';
export { invoiceLabels } from './invoices.labels.ts';
export { receivables } from './receivables.service.ts';
export { listReceipts } from './receipts.service.ts';
export { receivableScope } from './payment-plans.service.ts';
