export { consentRoutes } from './consent.routes.ts';
export {
  addToDoNotCall,
  carryLeadConsent,
  type ConsentHolder,
  consentFor,
  consentsOfRecord,
  doNotCallAmong,
  isDoNotCall,
  isSuppressed,
  leadConsentFor,
  marketingConsentOf,
  recordLeadConsent,
  mayMarketTo,
  normalizeAddress,
  setConsentOfRecord,
  suppressAddress,
} from './consent.service.ts';
