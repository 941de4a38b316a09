import { describe, expect, it } from 'vitest';
import { searchDocument } from '../../platform/search.ts';
import { customerKeys } from './customer-keys.ts';
import { newCustomerRows } from './customers.bulk.ts';
import { customerSearchValues } from './customers.fields.ts';
import { normalizeName, normalizePhone } from './customers.normalize.ts';

const actor = { userId: 1, username: 'admin', ip: null, userAgent: null };
const owner = { id: 1, departmentId: null };

describe('customer keys worked out before the code is given', () => {
  const customers = [
    { name: '深圳 龙腾科技有限公司', phone: '+86 138-0000-1234', email: 'Info@LongTeng.cn' },
    { name: 'Blue Fox Ltd.', phone: null, email: null },
    { name: '  个人客户  ', phone: '   ', email: 'a@b.co' },
  ];

  it('give the same row and search document as working everything out when the row is written', () => {
    const beforehand = newCustomerRows(
      'sqlite',
      actor,
      customers.map((c) => ({ ...c, owner, keys: customerKeys(c) })),
      41,
    );
    const atOnce = newCustomerRows(
      'sqlite',
      actor,
      customers.map((c) => ({ ...c, owner })),
      41,
    );
    expect(beforehand.docs).toEqual(atOnce.docs);
    expect(beforehand.rows.map(({ createdAt, updatedAt, ...row }) => row)).toEqual(
      atOnce.rows.map(({ createdAt, updatedAt, ...row }) => row),
    );
    beforehand.rows.forEach((row, i) => {
      const phoneNorm = normalizePhone(customers[i].phone);
      expect(beforehand.docs[i]).toEqual(
        searchDocument(customerSearchValues({ ...customers[i], code: row.code, phoneNorm })),
      );
      expect(row.searchText).toBe(beforehand.docs[i].text);
      expect(row.nameNorm).toBe(normalizeName(customers[i].name));
      expect(row.phoneNorm).toBe(phoneNorm);
    });
    expect(beforehand.rows.map((r) => r.code)).toEqual(['C000041', 'C000042', 'C000043']);
  });
});
