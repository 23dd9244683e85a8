/**
 * The shape docs/architecture.md promises, checked: small files and functions in the domain and the
 * server, no import circles, and core's areas depending on each other in one direction only.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const TREES = ['packages/core/src', 'apps/server/src'];
/** Rule catalogues may be longer: each rule is a few lines and they read best together. */
const CATALOGUES = new Set([
  'packages/core/src/policy/lint-policy.ts',
  'packages/core/src/policy/evaluate-policy.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const files = TREES.flatMap((tree) => sourceFiles(join(root, tree)));
const rel = (path: string) => relative(root, path);

function longFunctions(path: string, limit: number): string[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      if (end - start + 1 > limit) found.push(`${rel(path)}:${start + 1} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Relative imports of a file, resolved to files of the tree. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.flatMap((spec) => {
    const target = resolve(dirname(path), spec);
    const candidates = [`${target}.ts`, join(target, 'index.ts')];
    return candidates.filter((c) => files.includes(c)).slice(0, 1);
  });
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the source tree', () => {
  it('keeps files under 500 lines (rule catalogues under 700)', () => {
    const long = files.flatMap((path) => {
      const lines = readFileSync(path, 'utf8').split('\n').length;
      return lines > (CATALOGUES.has(rel(path)) ? 700 : 500) ? [`${rel(path)} (${lines} lines)`] : [];
    });
    expect(long).toEqual([]);
  });

  it('keeps every function under 150 lines', () => {
    expect(files.flatMap((path) => longFunctions(path, 150))).toEqual([]);
  });

  it('has no import circles', () => {
    const graph = new Map(files.map((path) => [path, importsOf(path)]));
    expect(findCycle(graph)?.map(rel) ?? null).toBeNull();
  });

  it("has core's areas depend on each other in one direction only", () => {
    const core = join(root, 'packages/core/src');
    const areaOf = (path: string) => relative(core, path).split('/')[0] as string;
    const areas = new Map<string, Set<string>>();
    for (const path of files.filter((f) => f.startsWith(`${core}/`) && relative(core, f).includes('/'))) {
      const from = areaOf(path);
      const to = importsOf(path)
        .filter((target) => relative(core, target).includes('/'))
        .map(areaOf)
        .filter((area) => area !== from);
      areas.set(from, new Set([...(areas.get(from) ?? []), ...to]));
    }
    expect(areas.size).toBeGreaterThan(6);
    expect(findCycle(new Map([...areas].map(([area, deps]) => [area, [...deps]])))).toBeNull();
  });

  it('would notice a circle (the check itself)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });
});
