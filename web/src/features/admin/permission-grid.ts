/** The actions most modules share: one column each in the role editor's grid. */
export const gridActions = ['view', 'create', 'edit', 'delete', 'import', 'export', 'assign', 'manage'] as const;

/**
 * A module's row of the role editor: its actions that have a column of the grid, and the ones of its own
 * (leads.convert, receipts.confirm, workOrders.dispatch …), shown together in the last column. Every
 * action of the catalogue lands in exactly one of the two, so that every permission can be granted.
 */
export function permissionRow(actions: readonly string[]): { inGrid: string[]; ownActions: string[] } {
  const shared: readonly string[] = gridActions;
  return {
    inGrid: actions.filter((action) => shared.includes(action)),
    ownActions: actions.filter((action) => !shared.includes(action)),
  };
}
