import { describe, expect, it } from 'vitest';
import { drillPath, nextDimension, stepBack } from './profitability-drill';

describe('profitability drill-down', () => {
  it('goes from a department to its customers, then to their products, and no further than what is left', () => {
    expect(nextDimension('department', [])).toBe('customer');
    expect(nextDimension('customer', ['departmentId', 'customerId'])).toBe('product');
    expect(nextDimension('product', ['departmentId', 'customerId', 'productId'])).toBe('month');
    expect(nextDimension('month', ['customerId', 'productId', 'period'])).toBeUndefined();
    expect(nextDimension('quarter', [])).toBe('month');
  });

  it('reads the path in the order it was taken from the page’s parameters', () => {
    const params = new URLSearchParams('dimension=product&departmentId=4&from=2026-01-01&customerId=9');
    expect(drillPath(params)).toEqual([
      { filter: 'departmentId', key: '4' },
      { filter: 'customerId', key: '9' },
    ]);
  });

  it('steps back to where a step of the path led, or to where the path began', () => {
    const path = [
      { filter: 'departmentId' as const, key: '4' },
      { filter: 'customerId' as const, key: '9' },
    ];
    expect(stepBack(path, 0, 'product')).toEqual({ removed: ['customerId'], dimension: 'customer' });
    expect(stepBack(path, -1, 'product')).toEqual({ removed: ['departmentId', 'customerId'], dimension: 'department' });
    expect(stepBack([{ filter: 'period', key: '2026-Q1' }], -1, 'month').dimension).toBe('quarter');
  });
});
