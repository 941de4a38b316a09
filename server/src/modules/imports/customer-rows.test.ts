import { describe, expect, it } from 'vitest';
import { customerKeys } from '../customers/plain.ts';
import { customerRowChecker, unpackCustomerRows } from './customer-rows.ts';

const context = {
  mapping: ['name', 'level', 'owner', 'tags', null, 'phone'],
  dictionary: [
    { type: 'customer_level', code: 'A', labelZh: '重要客户', labelEn: 'Key', enabled: 1 },
    { type: 'customer_level', code: 'Z', labelZh: '停用级别', labelEn: 'Retired', enabled: 0 },
  ],
  owners: [
    { id: 7, username: 'li.lei', displayName: '李雷', departmentId: 3, status: 'active' },
    { id: 8, username: 'han.mei', displayName: '韩梅', departmentId: 4, status: 'disabled' },
  ],
  actor: { userId: 7, departmentId: 3, canAssign: false },
  keepCells: false,
  valueMap: {},
};

describe('customer rows checked by the reading thread', () => {
  it('come back in row order: good rows as customers with their keys, bad ones with field and reason', () => {
    const check = customerRowChecker(context);
    const results = unpackCustomerRows(
      check([
        ['龙腾科技', '重要客户', '李雷', '制造, 华南,制造', 'ignored', '138 0000 1234'],
        ['', 'Key', '', '', '', ''],
        ['蓝狐贸易', '停用级别', '', '', '', ''],
        ['Blue Fox', 'key', '', '', '', ''],
        ['韩氏商行', '', '韩梅', '', '', ''],
      ]),
    );
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(results[1]).toEqual({ index: 1, field: 'name', message: 'required' });
    expect(results[2]).toEqual({
      index: 2,
      field: 'level',
      message: { key: 'unknownOption', params: { value: '停用级别' } },
    });
    expect(results[4]).toEqual({
      index: 4,
      field: 'owner',
      message: { key: 'unknownUser', params: { value: '韩梅' } },
    });
    const first = results[0] as Extract<(typeof results)[number], { customer: unknown }>;
    expect(first.customer).toMatchObject({
      name: '龙腾科技',
      level: 'A',
      phone: '138 0000 1234',
      tags: ['制造', '华南'],
      owner: { id: 7, departmentId: 3 },
    });
    expect(first.customer.keys).toEqual(customerKeys({ name: '龙腾科技', phone: '138 0000 1234' }));
    expect((results[3] as typeof first).customer).toMatchObject({
      name: 'Blue Fox',
      level: 'A',
      owner: { id: 7, departmentId: 3 },
    });
  });

  it('carry the cells of rejected rows only, for the report of rejected rows', () => {
    const packed = customerRowChecker(context)([
      ['龙腾科技', '重要客户', '', '', '', ''],
      ['', 'Key', '', '', 'x', ''],
    ]);
    expect(packed.rejected).toEqual([
      { index: 1, field: 'name', message: 'required', cells: ['', 'Key', '', '', 'x', ''] },
    ]);
    expect(packed.values).not.toContain('x');
  });

  it('refuse another owner to an importer who may not assign', () => {
    const check = customerRowChecker({
      ...context,
      owners: [...context.owners, { id: 9, username: 'lily', displayName: 'Lily', departmentId: 3, status: 'active' }],
    });
    expect(unpackCustomerRows(check([['龙腾科技', '', 'lily', '', '', '']]))).toEqual([
      { index: 0, field: 'owner', message: 'FORBIDDEN' },
    ]);
  });

  it('resolve unknown dictionary values by the import choices and carry the primary contact of a row', () => {
    const check = customerRowChecker({
      ...context,
      mapping: ['name', 'level', 'contactName', 'contactMobile', 'contactEmail', 'contactTitle'],
      valueMap: { level: { 钻石客户: 'A', 待定: null } },
    });
    const results = unpackCustomerRows(
      check([
        ['龙腾科技', '钻 石客户', '张伟', '13800138000', 'zw@example.com', '经理'],
        ['蓝狐贸易', '待定', '', '', '', ''],
        ['白鹭商行', '铜牌', '', '', '', ''],
        ['青松实业', '', '', '13900000000', '', ''],
        ['红枫物流', '', '李娜', '', 'not-an-email', ''],
      ]),
    );
    expect(results[0]).toMatchObject({
      customer: { name: '龙腾科技', level: 'A' },
      contact: { name: '张伟', mobile: '13800138000', email: 'zw@example.com', title: '经理' },
    });
    expect(results[1]).toMatchObject({ customer: { name: '蓝狐贸易' } });
    expect(results[1]).not.toHaveProperty('contact');
    expect((results[1] as { customer: { level?: string } }).customer.level ?? null).toBeNull();
    expect(results.slice(2)).toEqual([
      { index: 2, field: 'level', message: { key: 'unknownOption', params: { value: '铜牌' } } },
      { index: 3, field: 'contactName', message: 'required' },
      { index: 4, field: 'contactEmail', message: expect.anything() },
    ]);
  });
});
