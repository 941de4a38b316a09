/**
 * The rows of a query in id order, a batch at a time: `batch(afterId)` returns the next rows with an id
 * above `afterId`, in id order, at most a batch of them. Each batch starts where the last one ended
 * (keyset pagination), so a large table is read without OFFSET and never held whole.
 */
export async function* keysetBatches<R extends { id: number }>(
  batch: (afterId: number) => Promise<R[]>,
): AsyncGenerator<R[]> {
  for (let afterId = 0; ;) {
    const rows = await batch(afterId);
    if (!rows.length) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}
