export { dictionariesRoutes } from './dictionaries.routes.ts';
export {
  allDictionaryLabels,
  assertDictionaryCodes,
  createDictionaryOption,
  listDictionaryOptions,
  loadDictionaryLookup,
  loadLookupOptions,
  seedDictionaries,
} from './dictionaries.service.ts';
export { type DictionaryLookup, dictionaryLookupOf, type LookupOption } from './dictionary-lookup.ts';
