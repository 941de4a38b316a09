import { describe, expect, it } from 'vitest';
import { fillScript, unknownMergeFields } from './merge-fields.ts';

describe('call script merge fields', () => {
  it('fills each field in, with a dash for one without a value', () => {
    expect(
      fillScript('{{contactName}}您好，我是{{ agentName }}。您的订单{{orderNumber}}尚欠{{overdueAmount}}元。', {
        contactName: '王经理',
        agentName: '李娜',
        overdueAmount: '1200.00',
        orderNumber: null,
      }),
    ).toBe('王经理您好，我是李娜。您的订单—尚欠1200.00元。');
  });

  it('names the fields a script uses that are not offered, once each', () => {
    expect(unknownMergeFields('{{contactName}} {{amount}} {{amount}} {x}', ['contactName'])).toEqual(['amount']);
    expect(unknownMergeFields('no fields at all', [])).toEqual([]);
  });
});
