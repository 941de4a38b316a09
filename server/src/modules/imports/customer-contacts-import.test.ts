import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { unique } from '../../../test/factories.ts';
import { csvOf, uploadImport, waitForLongImport } from '../../../test/imports.ts';

type ContactItem = {
  name: string;
  mobile: string | null;
  email: string | null;
  title: string | null;
  isPrimary: boolean;
};

describe.each(testDialects)('customers with their contacts in one sheet on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const customerByName = async (name: string) =>
    (
      (await t.admin.get('/api/v1/customers', { q: name, pageSize: 5 })).json().items as Array<{
        id: number;
        name: string;
      }>
    ).find((c) => c.name === name)!;
  const contactsOf = async (customerId: number) =>
    (await t.admin.get('/api/v1/contacts', { customerId, pageSize: 50 })).json().items as ContactItem[];
  const contactTotal = async (q: string) =>
    (await t.admin.get('/api/v1/contacts', { q, pageSize: 1 })).json().total as number;

  const previewColumns = async (file: Buffer) =>
    (
      await t.admin.request('POST', '/api/v1/imports/customers/preview', {
        payload: Buffer.concat([
          Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\n'),
          file,
          Buffer.from('\r\n--b--\r\n'),
        ]),
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      })
    )
      .json()
      .columns.map((c: { field: string | null }) => c.field);

  it('reads 手机 as the contact mobile beside a contact column or the customer phone, and as the customer phone alone', async () => {
    expect(
      await previewColumns(
        csvOf([
          ['客户名称', '手机'],
          ['甲', '1'],
        ]),
      ),
    ).toEqual(['name', 'phone']);
    expect(
      await previewColumns(
        csvOf([
          ['客户名称', '联系人', '手机', '职务'],
          ['甲', '乙', '1', ''],
        ]),
      ),
    ).toEqual(['name', 'contactName', 'contactMobile', 'contactTitle']);
    expect(
      await previewColumns(
        csvOf([
          ['Customer name', 'Phone', 'Mobile'],
          ['a', '1', '2'],
        ]),
      ),
    ).toEqual(['name', 'phone', 'contactMobile']);
  });

  it('gives each imported customer its primary contact, chunk by chunk, and rejects rows with a bad contact', async () => {
    const tag = unique('cc');
    // 2 100 rows, over two chunks of 1 000: every third without a contact, two with a broken one.
    const rows = Array.from({ length: 2100 }, (_, i) =>
      i % 3 === 2
        ? [`${tag}客户${i}`, '021-55556666', '', '', '', '']
        : [
            `${tag}客户${i}`,
            '021-55556666',
            `${tag}联系${i}`,
            `138${String(i).padStart(8, '0')}`,
            `c${i}@example.com`,
            '经理',
          ],
    );
    rows[1500][4] = 'not-an-email';
    rows[1800] = [`${tag}客户1800`, '', '', '13912345678', '', ''];
    const file = csvOf([['客户名称', '电话', '联系人', '手机', '联系人邮箱', '职务'], ...rows]);
    // A scoring rule on a contact's title scores the imported contacts as they are written.
    const groupId = (await t.admin.get('/api/v1/scoring'))
      .json()
      .groups.find((g: { isDefault: boolean }) => g.isDefault).id;
    const managers = await t.admin.post('/api/v1/scoring/rules', {
      groupId,
      name: '经理职务',
      kind: 'field',
      entity: 'contacts',
      field: 'title',
      operator: 'contains',
      value: '经理',
      points: 12,
    });
    expect(managers.statusCode, managers.body).toBe(201);

    expect(await previewColumns(file)).toEqual([
      'name',
      'phone',
      'contactName',
      'contactMobile',
      'contactEmail',
      'contactTitle',
    ]);

    const result = await waitForLongImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'c.csv')).json().id,
    );
    expect(result).toMatchObject({ status: 'done', total: 2100, created: 2098 });
    expect(result.rejected).toEqual([
      { row: 1502, column: '联系人邮箱', message: expect.any(String) },
      { row: 1802, column: '联系人', message: expect.any(String) },
    ]);
    const withContact = rows.filter((r, i) => r[2] && i !== 1500).length;
    expect(await contactTotal(`${tag}联系`)).toBe(withContact);

    const first = await customerByName(`${tag}客户1000`);
    expect(await contactsOf(first.id)).toEqual([
      expect.objectContaining({
        name: `${tag}联系1000`,
        mobile: '13800001000',
        email: 'c1000@example.com',
        title: '经理',
        isPrimary: true,
      }),
    ]);
    expect(await contactsOf((await customerByName(`${tag}客户2099`)).id)).toEqual([]);
    expect(await customerByName(`${tag}客户1500`)).toBeUndefined();
    const scored = await t.database.db
      .selectFrom('scoreEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ruleId', '=', managers.json().id)
      .where('endedAt', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(withContact);
    expect((await contactsOf(first.id))[0]).toMatchObject({ score: 12 });
    await t.admin.delete(`/api/v1/scoring/rules/${managers.json().id}`);
  });

  it('follows the duplicate mode: skip adds nothing, update adds a contact only when its mobile is new to the customer', async () => {
    const tag = unique('ccu');
    const header = ['客户名称', '联系人', '手机', '职务'];
    const base = Array.from({ length: 60 }, (_, i) => [
      `${tag}客户${i}`,
      `${tag}甲${i}`,
      `137${String(i).padStart(8, '0')}`,
      '',
    ]);
    expect(
      await waitForLongImport(
        t.admin,
        (await uploadImport(t.admin, 'customers', csvOf([header, ...base]), 'a.csv')).json().id,
      ),
    ).toMatchObject({ created: 60 });
    expect(await contactTotal(tag)).toBe(60);

    // The same customers again: half with the same mobile (written differently), half with a new contact.
    const again = base.map(([name, , mobile], i) =>
      i % 2 === 0
        ? [name, `${tag}甲${i}改`, `+86 ${mobile.slice(0, 3)} ${mobile.slice(3)}`, '总监']
        : [name, `${tag}乙${i}`, `136${String(i).padStart(8, '0')}`, '助理'],
    );
    const skipped = await waitForLongImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', csvOf([header, ...again]), 'b.csv', { duplicates: 'skip' })).json().id,
    );
    expect(skipped).toMatchObject({ created: 0, skipped: 60 });
    expect(await contactTotal(tag)).toBe(60);

    // Updating: 1 040 new customers first, so that the existing ones come in the second chunk of 1 000 rows.
    const fresh = Array.from({ length: 1040 }, (_, i) => [
      `${tag}新${i}`,
      `${tag}丙${i}`,
      `135${String(i).padStart(8, '0')}`,
      '',
    ]);
    const updated = await waitForLongImport(
      t.admin,
      (
        await uploadImport(t.admin, 'customers', csvOf([header, ...fresh, ...again]), 'c.csv', { duplicates: 'update' })
      ).json().id,
    );
    expect(updated).toMatchObject({ status: 'done', total: 1100, created: 1040, updated: 60, rejected: [] });
    expect(await contactTotal(tag)).toBe(60 + 1040 + 30);
    const even = await contactsOf((await customerByName(`${tag}客户58`)).id);
    expect(even).toEqual([expect.objectContaining({ name: `${tag}甲58`, isPrimary: true })]);
    const odd = await contactsOf((await customerByName(`${tag}客户59`)).id);
    expect(odd.map((c) => [c.name, c.isPrimary, c.title]).sort()).toEqual([
      [`${tag}乙59`, false, '助理'],
      [`${tag}甲59`, true, null],
    ]);
    expect(await contactsOf((await customerByName(`${tag}新1039`)).id)).toEqual([
      expect.objectContaining({ name: `${tag}丙1039`, mobile: '13500001039', isPrimary: true }),
    ]);
  });
});
