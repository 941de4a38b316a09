export { segmentsRoutes } from './segments.routes.ts';
export { getSegment, segmentMemberIds, setStaticMembership } from './segments.service.ts';
export { segmentCallListSource } from './call-list-source.ts';
