import { ContactInput, CustomerInput } from '@relate/common';
import type { FieldMessage } from '../../platform/errors.ts';
import { issuesToFields } from '../../platform/validation.ts';
import { customerKeys, customerPlainFields, type NewCustomer } from '../customers/plain.ts';
import { dictionaryLookupOf, type LookupOption } from '../dictionaries/plain.ts';
import { dictionaryCellOf, type ResolvedValueMap } from './dictionary-values.ts';
import { customerContactFields, customerImportFields, rowValues } from './import-fields.ts';
import { type OwnerCandidate, ownerLookupOf } from './owner-lookup.ts';

/**
 * Everything checking a customer row needs, as plain data: it is sent to the thread that reads the
 * file, which checks each row as it is read while the server writes the rows before it.
 */
export type CustomerRowContext = {
  mapping: Array<string | null>;
  dictionary: LookupOption[];
  /** What the import's choices make of dictionary values the dictionaries do not know. */
  valueMap: ResolvedValueMap;
  owners: OwnerCandidate[];
  actor: { userId: number; departmentId: number | null; canAssign: boolean };
  /** Whether the cells of good rows are sent along too (an import updating duplicates may still reject them). */
  keepCells: boolean;
};

/** The primary contact a customer row names (contact name, mobile, email and title columns). */
export type ImportedContact = {
  name: string;
  mobile?: string | null;
  email?: string | null;
  title?: string | null;
};

/** A row ready to be written, or the field it is rejected for and why (by its place in the batch). */
export type CustomerRowResult =
  | { index: number; customer: NewCustomer; contact?: ImportedContact }
  | { index: number; field: string; message: FieldMessage };

const ContactColumns = ContactInput.pick({ name: true, mobile: true, email: true, title: true });
const contactFieldOf = Object.fromEntries(Object.entries(customerContactFields).map(([k, v]) => [v, k]));

function customerType(text: string | undefined): 'company' | 'individual' | undefined | null {
  if (!text) return undefined;
  const t = text.trim().toLowerCase();
  if (['company', '公司', '企业', '企业客户'].includes(t)) return 'company';
  if (['individual', '个人', '个人客户', 'person'].includes(t)) return 'individual';
  return null;
}

/** Returns the function that turns sheet rows into validated customers or rejections. */
export function customerRowChecker(context: CustomerRowContext) {
  const dictionary = dictionaryCellOf(dictionaryLookupOf(context.dictionary), context.valueMap);
  const owners = ownerLookupOf(context.owners);
  const { actor } = context;

  function check(index: number, row: string[]): CustomerRowResult {
    const values = rowValues(context, row);
    const reject = (field: string, message: FieldMessage) => ({ index, field, message });
    if (!values.name?.trim()) return reject('name', 'required');
    const input: Record<string, unknown> = {
      name: values.name,
      phone: values.phone,
      email: values.email,
      website: values.website,
      country: values.country,
      province: values.province,
      city: values.city,
      district: values.district,
      address: values.address,
      remark: values.remark,
      tags: values.tags
        ? [
            ...new Set(
              values.tags
                .split(/[,，;；、|]/)
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ]
        : undefined,
    };
    const type = customerType(values.type);
    if (type === null) return reject('type', { key: 'unknownOption', params: { value: values.type } });
    input.type = type;
    for (const field of customerImportFields) {
      if (!field.dictionary || !values[field.key]) continue;
      const code = dictionary(field.dictionary, field.key, values[field.key]);
      if (code === undefined) return reject(field.key, { key: 'unknownOption', params: { value: values[field.key] } });
      if (code !== null) input[field.key] = code;
    }
    let owner = { id: actor.userId, departmentId: actor.departmentId };
    if (values.owner) {
      const user = owners(values.owner);
      if (!user) return reject('owner', { key: 'unknownUser', params: { value: values.owner } });
      if (user.id !== actor.userId && !actor.canAssign) return reject('owner', 'FORBIDDEN');
      owner = { id: user.id, departmentId: user.departmentId };
    }
    const parsed = CustomerInput.safeParse(input);
    if (!parsed.success) {
      const [field, message] = Object.entries(issuesToFields(parsed.error.issues, input))[0];
      return reject(field.split('.')[0], message);
    }
    let contact: ImportedContact | undefined;
    if (values.contactName || values.contactMobile || values.contactEmail || values.contactTitle) {
      const contactInput = {
        name: values.contactName,
        mobile: values.contactMobile,
        email: values.contactEmail,
        title: values.contactTitle,
      };
      if (!contactInput.name?.trim()) return reject('contactName', 'required');
      const checked = ContactColumns.safeParse(contactInput);
      if (!checked.success) {
        const [field, message] = Object.entries(issuesToFields(checked.error.issues, contactInput))[0];
        return reject(contactFieldOf[field.split('.')[0]] ?? 'contactName', message);
      }
      contact = checked.data;
    }
    return { index, customer: { ...parsed.data, owner, keys: customerKeys(parsed.data) }, contact };
  }

  // Each row is packed as soon as it is checked: a batch's worth of result objects kept until the end
  // of the batch outlived the reading thread's young-generation collections and cost it more in
  // copying garbage than the checks themselves.
  return (rows: string[][]): PackedCustomerRows => {
    const packed: PackedCustomerRows = { values: [], rejected: [] };
    for (let i = 0; i < rows.length; i++) packCustomerRow(packed, check(i, rows[i]), rows[i]);
    return packed;
  };
}

/**
 * Checked rows as they travel from the reading thread: the good ones as one flat list of values, the
 * rejected ones with their cells (the cells of good rows are not sent: a row written needs only its
 * values). Copying thousands of small objects between threads costs the receiving thread more than
 * checking them did.
 */
export type PackedCustomerRows = {
  values: unknown[];
  rejected: Array<{ index: number; field: string; message: FieldMessage; cells: string[] }>;
};

// Per good row: its index in the batch, its input fields, then the owner's id and department, the name
// and phone keys, the text and bigrams on either side of the code, and the contact's name, mobile, email
// and title (thirteen values besides the fields).
const inputFields = [...customerPlainFields, 'tags', 'customFields'] as const;
const width = inputFields.length + 13;

function packCustomerRow({ values, rejected }: PackedCustomerRows, result: CustomerRowResult, cells: string[]): void {
  if (!('customer' in result)) {
    rejected.push({ ...result, cells });
    return;
  }
  const { customer, contact } = result;
  const keys = customer.keys!;
  values.push(result.index);
  for (const field of inputFields) values.push(customer[field]);
  values.push(
    customer.owner.id,
    customer.owner.departmentId,
    keys.nameNorm,
    keys.phoneNorm,
    keys.search.before.text,
    keys.search.before.grams,
    keys.search.after.text,
    keys.search.after.grams,
    contact?.name,
    contact?.mobile,
    contact?.email,
    contact?.title,
  );
}

/** The results of a packed batch, in row order (rejected rows without their cells). */
export function unpackCustomerRows({ values, rejected }: PackedCustomerRows): CustomerRowResult[] {
  const results: CustomerRowResult[] = rejected.map(({ cells: _, ...result }) => result);
  for (let at = 0; at < values.length; at += width) {
    const customer: Record<string, unknown> = {};
    let p = at + 1;
    for (const field of inputFields) customer[field] = values[p++];
    customer.owner = { id: values[p++], departmentId: values[p++] };
    customer.keys = {
      nameNorm: values[p++],
      phoneNorm: values[p++],
      search: { before: { text: values[p++], grams: values[p++] }, after: { text: values[p++], grams: values[p++] } },
    };
    const [name, mobile, email, title] = values.slice(p, p + 4) as Array<string | null | undefined>;
    results.push({
      index: values[at] as number,
      customer: customer as NewCustomer,
      ...(name ? { contact: { name, mobile, email, title } } : {}),
    });
  }
  return results.sort((a, b) => a.index - b.index);
}
