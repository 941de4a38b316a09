export { callListsRoutes } from './call-lists.routes.ts';
export {
  type CalledRecordKind,
  type CallListSource,
  recordEntries,
  recordEntryFields,
  registerCallListSource,
  type SourceEntry,
} from './sources.ts';
export { callListsOwnership } from './call-lists.service.ts';
