import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Modules depend on each other in one direction: a module that another one uses does not use it back
 * (directly or round a longer loop). Where one must react to the other, it registers at start-up
 * (app.ts), as surveys do for resolved tickets and leads for follow-ups about a lead.
 */
const modulesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/modules');

function dependencies(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of readdirSync(modulesRoot)) {
    const uses = new Set<string>();
    for (const file of readdirSync(path.join(modulesRoot, name))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(path.join(modulesRoot, name, file), 'utf8');
      for (const match of text.matchAll(/from '\.\.\/([\w-]+)\/[\w.-]+\.ts'/g))
        if (match[1] !== name) uses.add(match[1]);
    }
    graph.set(name, uses);
  }
  return graph;
}

/** The loops of the graph, each as the modules round it (Tarjan's strongly connected components). */
function loops(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('module graph', () => {
  it('reads the imports between modules', () => {
    const graph = dependencies();
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('leads')).toContain('customers');
    expect(
      loops(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });

  it('has no loop: no module depends, however indirectly, on a module that depends on it', () => {
    expect(loops(dependencies())).toEqual([]);
  });
});
