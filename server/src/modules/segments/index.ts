export { segmentsRoutes } from './segments.routes.ts';
export { segmentMemberIds } from './segments.service.ts';
