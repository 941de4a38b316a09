export { consentRoutes } from './consent.routes.ts';
export { consentFor, isSuppressed, mayMarketTo, normalizeAddress, suppressAddress } from './consent.service.ts';
