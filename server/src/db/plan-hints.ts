import {
  AliasNode,
  IdentifierNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  RawNode,
  type ReferenceNode,
  type RootOperationNode,
  type SelectModifierNode,
  SelectQueryNode,
  sql,
  TableNode,
  type UnknownRow,
} from 'kysely';
import { isLongList, type ListTotal } from '../platform/list-query.ts';

/**
 * SQLite has two plans for a sorted page of a list: read the rows its filters' index names and sort them
 * all, or walk the sort column's index, checking the filters on the way, and stop after the page. It
 * does not know how many rows the filters match, and picks the filters' index even when that means
 * sorting a manager's 200 000 rows for a page of 50 (seconds at a million rows). The list knows, having
 * counted them first, and tells it to walk the sort's index when they are many.
 *
 * It does so by writing the filters' columns as `+column`: an expression to SQLite, which no index
 * lookup can use, while its value and collation stay the column's. The sort's index still checks them
 * on the way (the list indexes carry the scope's columns) before reading a row.
 *
 * A query asks for it with an empty end modifier, this one (`walkingSortIndexWhenMany`); `PlanHints`, the
 * first plugin of every SQLite handle (database.ts: before the renaming plugin rebuilds the nodes, and
 * before any plugin added later, such as a statement recorder), takes it out and rewrites the query.
 */
const walkSortIndex = sql``;
const walkSortIndexNode = walkSortIndex.toOperationNode();
const asksToWalk = (modifier: SelectModifierNode) => modifier.rawModifier === walkSortIndexNode;

/**
 * Wraps the references of one table (or unqualified ones), leaving sub-queries, `deleted_at`, the owner
 * and the sort's own columns alone: one owner's rows are few, and their own index (owner, then the sort
 * or update time) reads them faster than a walk through everyone's; a range of the sort column (from a
 * date) tells the walk where to start.
 */
class ColumnsAsExpressions extends OperationNodeTransformer {
  private readonly kept: Set<string>;

  constructor(
    private readonly table: string | null,
    sortColumns: string[],
  ) {
    super();
    this.kept = new Set(['deleted_at', 'deletedAt', 'owner_id', 'ownerId', ...sortColumns]);
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    return node;
  }

  protected override transformReference(node: ReferenceNode): ReferenceNode {
    const table = node.table?.table.identifier.name;
    const column = node.column.kind === 'ColumnNode' ? node.column.column.name : null;
    if (!column || this.kept.has(column)) return node;
    if (table !== undefined && table !== this.table) return node;
    return RawNode.create(['+', ''], [node]) as unknown as ReferenceNode;
  }

  rewrite<T extends OperationNode>(node: T): T {
    return this.transformNode(node);
  }
}

/** The columns a select is ordered by. */
function sortColumns(node: SelectQueryNode): string[] {
  const columns: string[] = [];
  class Collect extends OperationNodeTransformer {
    protected override transformReference(reference: ReferenceNode): ReferenceNode {
      if (reference.column.kind === 'ColumnNode') columns.push(reference.column.column.name);
      return reference;
    }
  }
  if (node.orderBy) new Collect().transformNode(node.orderBy);
  return columns;
}

/** The name (or alias) of a select's first table. */
function mainTable(node: SelectQueryNode): string | null {
  const first = node.from?.froms[0];
  if (!first) return null;
  if (TableNode.is(first)) return first.table.identifier.name;
  if (AliasNode.is(first) && IdentifierNode.is(first.alias)) return first.alias.name;
  return null;
}

export class PlanHints implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (!SelectQueryNode.is(node) || !node.endModifiers?.some(asksToWalk)) return node;
    const endModifiers = node.endModifiers.filter((modifier) => !asksToWalk(modifier));
    return {
      ...node,
      endModifiers: endModifiers.length ? endModifiers : undefined,
      where: node.where && new ColumnsAsExpressions(mainTable(node), sortColumns(node)).rewrite(node.where),
    };
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/**
 * The page query of a list of `total` rows, told to walk its sort's index when they are many (more
 * than a list counts to, `listCountCap`). PostgreSQL's planner weighs the rows it expects itself.
 */
export function walkingSortIndexWhenMany<QB extends { modifyEnd(modifier: typeof walkSortIndex): QB }>(
  qb: QB,
  dialect: 'sqlite' | 'postgres',
  total: ListTotal,
): QB {
  return dialect === 'sqlite' && isLongList(total) ? qb.modifyEnd(walkSortIndex) : qb;
}

/**
 * Whether PostgreSQL should gather a page's rows through their filters' index and sort them rather than
 * walk the sort's index: when the list is short (its total exact, within the count cap) and one of its
 * filters leads an index (`gatherable`: one owner, a ticket's or order's status, one customer). Such a
 * walk passes every entry before the few matches (tickets waiting for a consultation by creation date:
 * 322 ms walking, 20 ms gathered at two million), and PostgreSQL, guessing the matches spread evenly,
 * walks. Without a filter that leads an index, gathering would read the whole table (1.5 s for
 * customers of one industry and province), so the caller says which it is.
 */
export function gathersMatches(dialect: 'sqlite' | 'postgres', total: ListTotal, gatherable: boolean): boolean {
  return dialect === 'postgres' && gatherable && !isLongList(total);
}
