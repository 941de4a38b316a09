/**
 * Departments below a depth of the tree, each with the ancestor at that depth they roll up into
 * (1: the top-level departments). Departments at or above the depth keep their own figures.
 */
export function departmentRollUp(
  departments: Array<{ id: number; parentId: number | null }>,
  level: number,
): Map<number, number> {
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  const rollUp = new Map<number, number>();
  for (const { id } of departments) {
    const path = [id];
    const seen = new Set([id]);
    for (let parent = parentOf.get(id); parent !== null && parent !== undefined; parent = parentOf.get(parent)) {
      // A cycle cannot be saved, but a report must not loop if one were.
      if (seen.has(parent)) break;
      seen.add(parent);
      path.unshift(parent);
    }
    if (path.length > level) rollUp.set(id, path[level - 1]);
  }
  return rollUp;
}
