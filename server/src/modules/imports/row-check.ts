import type { CustomerRowContext, PackedCustomerRows } from './customer-rows.ts';

/** What the thread reading an import's file checks in each row as it reads it (by kind of import). */
export type RowCheck = { customers?: CustomerRowContext };

/**
 * A batch of sheet rows (by their numbers) and, when the reader checked them, the result for each; the
 * cells of checked rows travel with their results unless the check keeps them (`keepCells`), and
 * `rows` is then empty.
 */
export type CheckedBatch = { numbers: number[]; rows: string[][]; checked?: PackedCustomerRows };
