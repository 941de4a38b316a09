export { followupsRoutes } from './followups.routes.ts';
export { moveLeadFollowups, refreshFollowupDates, followupsOfCustomer } from './followups.repository.ts';
export { assertFollowupAttachable, getFollowup, toFollowup } from './followups.service.ts';
export { followupsOwnership, remindFollowup } from './followups.reminders.ts';
