export { consentRoutes } from './consent.routes.ts';
export {
  addToDoNotCall,
  carryLeadConsent,
  consentFor,
  doNotCallAmong,
  isDoNotCall,
  isSuppressed,
  leadConsentFor,
  recordLeadConsent,
  mayMarketTo,
  normalizeAddress,
  suppressAddress,
} from './consent.service.ts';
