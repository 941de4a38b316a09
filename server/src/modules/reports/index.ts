export { reportRoutes } from './reports.routes.ts';
export { mayReportOn } from './reports.service.ts';
export { deliverDueReports, sendScheduledReport } from './report-delivery.ts';
export { listSavedReports, shareTargets, viewerOf } from './saved-reports.service.ts';
export {
  replaceShares,
  sharedDashboards,
  sharedWith,
  sharesOf,
  type ShareViewer,
  visibleTo,
} from './sharing.repository.ts';
export { departmentRollUp } from './department-roll-up.ts';
export { relativeDays } from './relative-periods.ts';
export { savedReportCallListSource } from './call-list-source.ts';
