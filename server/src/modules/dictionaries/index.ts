export { dictionariesRoutes } from './dictionaries.routes.ts';
export {
  assertDictionaryCodes,
  type DictionaryLookup,
  loadDictionaryLookup,
  seedDictionaries,
} from './dictionaries.service.ts';
