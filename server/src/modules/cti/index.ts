export { ctiRoutes } from './cti.routes.ts';
export {
  callsOfCustomer,
  handleEvent,
  offerQueuedCalls,
  settled,
  startCtiConnections,
  stopCtiConnections,
} from './cti.service.ts';
