import { type SearchParts, searchParts } from '../../platform/search-text.ts';
import { customerSearchValuesAroundCode } from './customers.fields.ts';
import { normalizeName, normalizePhone } from './customers.normalize.ts';

/**
 * What a new customer's row derives from its input alone: the duplicate keys and the search pieces on
 * either side of the code. An import works these out in the thread that reads the file.
 */
export type CustomerKeys = {
  nameNorm: string;
  phoneNorm: string | null;
  search: { before: SearchParts; after: SearchParts };
};

export function customerKeys(customer: {
  name: string;
  type?: string | null;
  phone?: string | null;
  email?: string | null;
}): CustomerKeys {
  const phoneNorm = normalizePhone(customer.phone);
  const { before, after } = customerSearchValuesAroundCode({
    name: customer.name,
    type: customer.type,
    phone: customer.phone,
    phoneNorm,
    email: customer.email,
  });
  return {
    nameNorm: normalizeName(customer.name),
    phoneNorm,
    search: { before: searchParts(before), after: searchParts(after) },
  };
}
