// The dictionaries module's plain-data face: what needs no database, for code that runs in worker
// threads too. Everything else: index.ts.
export { type DictionaryLookup, dictionaryLookupOf, type LookupOption } from './dictionary-lookup.ts';
