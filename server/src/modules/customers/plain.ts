// The customers module's plain-data face: what needs no database, for code that runs in worker threads
// too (an import checks its rows in the thread that reads the file). Everything else: index.ts.
export type { NewCustomer } from './customers.bulk.ts';
export { type CustomerKeys, customerKeys } from './customer-keys.ts';
export { customerPlainFields } from './customers.fields.ts';
