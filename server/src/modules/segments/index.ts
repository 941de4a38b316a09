export { segmentsRoutes } from './segments.routes.ts';
export { segmentMemberIds } from './segments.service.ts';
export { segmentCallListSource } from './call-list-source.ts';
