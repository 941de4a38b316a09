import { describe, expect, it } from 'vitest';
import { keysetBatches } from './keyset.ts';

describe('keyset batches', () => {
  const table = [3, 5, 8, 13, 21, 34, 55].map((id) => ({ id }));
  const batchOf = (size: number, asked: number[]) => async (afterId: number) => {
    asked.push(afterId);
    return table.filter((row) => row.id > afterId).slice(0, size);
  };

  it('reads every row once, in order, each batch starting after the last id of the one before', async () => {
    const asked: number[] = [];
    const batches: number[][] = [];
    for await (const rows of keysetBatches(batchOf(3, asked))) batches.push(rows.map((r) => r.id));
    expect(batches).toEqual([[3, 5, 8], [13, 21, 34], [55]]);
    expect(asked).toEqual([0, 8, 34, 55]);
  });

  it('yields nothing for an empty query and stops when a consumer stops', async () => {
    for await (const rows of keysetBatches(async () => [] as Array<{ id: number }>)) expect(rows).toBeUndefined();
    const asked: number[] = [];
    for await (const rows of keysetBatches(batchOf(2, asked))) if (rows[0].id === 3) break;
    expect(asked).toEqual([0]);
  });
});
