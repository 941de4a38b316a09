import type { ApprovalRequest } from '@relate/common';

export const approvalColors: Record<ApprovalRequest['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
