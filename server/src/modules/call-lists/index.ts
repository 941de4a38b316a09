export { callListsRoutes } from './call-lists.routes.ts';
export { type CallListSource, registerCallListSource, type SourceEntry } from './sources.ts';
export { callListsOwnership } from './call-lists.service.ts';
