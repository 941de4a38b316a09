export { followupsRoutes } from './followups.routes.ts';
export { registerLeadVisibility } from './lead-visibility.ts';
export {
  assertFollowupAttachable,
  createFollowup,
  getFollowup,
  toFollowup,
  followupsOfCustomer,
  refreshFollowupDates,
  moveLeadFollowups,
  plannedFollowupsBetween,
} from './followups.service.ts';
export { followupsOwnership, remindFollowup } from './followups.reminders.ts';
export { followupLabels } from './followups.labels.ts';
