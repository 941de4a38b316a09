import { allPermissions, permissionModules } from '@relate/common';
import { describe, expect, it } from 'vitest';
import { gridActions, permissionRow } from './permission-grid';

describe("the role editor's permission grid", () => {
  it('offers every permission there is, once', () => {
    const offered = Object.entries(permissionModules).flatMap(([module, actions]) => {
      const { inGrid, ownActions } = permissionRow(actions);
      return [...inGrid, ...ownActions].map((action) => `${module}.${action}`);
    });
    expect([...offered].sort()).toEqual([...allPermissions].sort());
  });

  it("puts a module's own actions beside the shared columns", () => {
    expect(permissionRow(permissionModules.receipts)).toEqual({
      inGrid: ['view', 'create', 'delete'],
      ownActions: ['confirm'],
    });
    expect(permissionRow(permissionModules.workOrders).ownActions).toEqual(['dispatch', 'work']);
    expect(gridActions).not.toContain('confirm');
  });
});
