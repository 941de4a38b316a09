export { customersRoutes } from './customers.routes.ts';
export { customersOwnership, customerScope, customerCode, resolveOwner } from './customers.service.ts';
export { normalizeName, normalizePhone } from './customers.normalize.ts';
export { customerDictionaryFields, customerSearchValues } from './customers.fields.ts';
export { insertCustomerBatch, type NewCustomer } from './customers.bulk.ts';
export {
  updateCustomer,
  getCustomer,
  toCustomer,
  insertCustomer,
  findVisibleCustomer,
  customerEmailOf,
  customersForExport,
  tagsOfCustomers,
  possibleDuplicateCustomers,
  type CustomerColumn,
  type CustomerExportRow,
} from './customers.service.ts';
export { listCustomers } from './customers.service.ts';
export { customerLabels } from './customers.labels.ts';
