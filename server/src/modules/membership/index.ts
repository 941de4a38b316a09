export { membershipRoutes } from './membership.routes.ts';
export {
  holdOrderPoints,
  type OrderPayment,
  redemptionFor,
  type Redemption,
  settleOrderPoints,
} from './points.service.ts';
export { expirePoints, reviewLevels } from './loyalty-jobs.service.ts';
