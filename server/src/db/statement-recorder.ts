import type { KyselyPlugin, QueryId, RootOperationNode, UnknownRow } from 'kysely';

/**
 * A Kysely plugin that keeps the statements run while it records, as the database receives them (for
 * the benches' and tests' query plans; never installed by the server itself).
 */
export class StatementRecorder implements KyselyPlugin {
  private recording = false;
  private nodes: RootOperationNode[] = [];

  start(): void {
    this.nodes = [];
    this.recording = true;
  }

  stop(): RootOperationNode[] {
    this.recording = false;
    return this.nodes;
  }

  transformQuery({ node }: { node: RootOperationNode; queryId: QueryId }): RootOperationNode {
    if (this.recording) this.nodes.push(node);
    return node;
  }

  async transformResult<T extends { rows: UnknownRow[] }>({ result }: { result: T }): Promise<T> {
    return result;
  }
}
