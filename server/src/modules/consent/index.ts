export { consentRoutes } from './consent.routes.ts';
export {
  addToDoNotCall,
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
