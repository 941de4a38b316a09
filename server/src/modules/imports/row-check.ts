import type { CustomerRowContext, PackedCustomerRows } from './customer-rows.ts';

/** What the thread reading an import's file checks in each row as it reads it (by kind of import). */
export type RowCheck = { customers?: CustomerRowContext };

/** A batch of sheet rows and, when the reader checked them, the result for each. */
export type CheckedBatch = { numbers: number[]; rows: string[][]; checked?: PackedCustomerRows };
