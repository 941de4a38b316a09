import type { CompiledQuery, OperationNode, SelectQueryNode } from 'kysely';

/**
 * What a statement does, read from the query Kysely built (or, for a statement written with `sql`, from
 * its first word): whether it changes data, and whether a read replica could answer it.
 */

const lockingModifiers = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'NoWait', 'SkipLocked']);
const rawReadOnly = /^\s*\(*\s*(select|values|show|explain|set|reset|begin|start|commit|rollback|savepoint|release)\b/i;
const rawSelect = /^\s*\(*\s*select\b/i;
const rawWith = /^\s*with\b/i;
const rawWriteInWith = /\b(insert|update|delete|merge)\b/i;
const rawLocking = /\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b/i;

const writingNodes = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/** A select whose `with` holds a data-changing statement (PostgreSQL runs those even inside a select). */
function selectWrites(node: SelectQueryNode, text: string): boolean {
  return (node.with?.expressions ?? []).some(({ expression }) => {
    if (writingNodes.has(expression.kind)) return true;
    if (expression.kind === 'RawNode') return rawWriteInWith.test(text);
    return isSelect(expression) && selectWrites(expression, text);
  });
}

function isSelect(node: OperationNode): node is SelectQueryNode {
  return node.kind === 'SelectQueryNode';
}

/** Whether the statement may change data: anything but a read (a select, even one that locks rows, or a `set`). */
export function changesData(query: CompiledQuery): boolean {
  const node = query.query;
  if (isSelect(node)) return selectWrites(node, query.sql);
  if (node.kind === 'RawNode') return !rawReadOnly.test(query.sql) && !rawReadingWith(query.sql);
  return true;
}

/** A select that neither writes (in a `with`) nor locks rows: a standby answers it as the primary would have a moment ago. */
export function isPlainRead(query: CompiledQuery): boolean {
  const node = query.query;
  if (isSelect(node)) {
    const locks = node.endModifiers?.some((m) => m.rawModifier || lockingModifiers.has(m.modifier ?? '')) ?? false;
    return !locks && !selectWrites(node, query.sql);
  }
  if (node.kind === 'RawNode')
    return (rawSelect.test(query.sql) || rawReadingWith(query.sql)) && !rawLocking.test(query.sql);
  return false;
}

function rawReadingWith(text: string): boolean {
  return rawWith.test(text) && !rawWriteInWith.test(text);
}
