import type { HomeSectionCode } from '@relate/common';

/** Where each section's "view all" leads: the list that holds its records (`null`: none for the caller). */
export function sectionLink(code: HomeSectionCode, userId: number | undefined, can: (p: string) => boolean) {
  const links: Record<HomeSectionCode, string | null> = {
    approvals: '/approvals',
    tasks: '/tasks',
    followupsDue: '/calendar',
    myQueue: '/tickets',
    slaRisk: '/tickets?breached=true',
    callbacksDue: '/tickets?status=callback',
    todayVisits: '/my-work-orders',
    myWorkOrders: can('workOrders.view') ? '/work-orders' : '/tickets',
    receiptsToConfirm: '/receipts?status=unconfirmed',
    overdueReceivables: '/receivables',
    invoicesToIssue: '/orders',
    forecast: '/opportunities?view=forecast',
    targetProgress: '/performance',
    myPipeline: userId ? `/opportunities?view=list&ownerId=${userId}` : '/opportunities',
    teamPipeline: '/opportunities',
    anniversaries: '/anniversaries',
    activity: can('audit.view') ? '/admin/audit' : null,
    teamActivity: can('audit.view') ? '/admin/audit' : null,
  };
  return links[code];
}
