export { ctiRoutes } from './cti.routes.ts';
export {
  callsOfCustomer,
  dial,
  endAfterCallWork,
  getCall,
  latestCallWith,
  handleEvent,
  offerQueuedCalls,
  settled,
  startCtiConnections,
  stopCtiConnections,
} from './cti.service.ts';
export { normalizeNumber } from './phone-numbers.ts';
