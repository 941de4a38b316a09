import { describe, expect, it } from 'vitest';
import { viewsOf } from './query-keys';

describe('what a change refreshes', () => {
  it('refreshes every document an approval decides, with the home page and the notifications', () => {
    expect(viewsOf(['approvals'])).toEqual(
      expect.arrayContaining(['approvals', 'quotes', 'orders', 'contracts', 'home', 'notifications']),
    );
  });

  it("refreshes the order, the receivables and the customer's figures after a receipt", () => {
    expect(viewsOf(['receipts'])).toEqual(expect.arrayContaining(['receipts', 'orders', 'receivables', 'customers']));
  });

  it('lists each view once, whatever several kinds of change share', () => {
    const views = viewsOf(['orders', 'receipts', 'invoices']);
    expect(new Set(views).size).toBe(views.length);
    expect(views).toContain('inventory');
  });

  it('refreshes only the kind itself where nothing else shows it', () => {
    expect(viewsOf(['backups'])).toEqual(['backups']);
  });
});
