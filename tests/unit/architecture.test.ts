/**
 * Guards the shape: the domain core imports nothing outside itself (no I/O, no packages), browser
 * code takes from the server only the isomorphic domain (and types), and no module imports itself
 * back through others.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['server', 'displays', 'counters', 'printers'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
  /** Project file it resolves to, for relative imports. */
  target: string | null;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3]!;
    let target: string | null = null;
    if (spec.startsWith('.')) {
      const base = resolve(dirname(file), spec);
      target = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      }) ?? null;
    }
    out.push({ spec, typeOnly: Boolean(m[2]), target });
  }
  return out;
}

const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(ROOT, f);

describe('the shape of the code', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(30);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
  });

  it('server/domain imports nothing outside server/domain', () => {
    const domain = join(ROOT, 'server/domain');
    const bad = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith(domain)) continue;
      for (const i of imports) if (!i.target || !i.target.startsWith(domain)) bad.push(`${rel(file)} → ${i.spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('browser pages take from the server only the domain core (and types)', () => {
    const server = join(ROOT, 'server');
    const domain = join(ROOT, 'server/domain');
    const bad = [];
    for (const [file, imports] of graph) {
      if (!['displays', 'counters'].some((d) => file.startsWith(join(ROOT, d)))) continue;
      for (const i of imports) {
        if (i.typeOnly || !i.target) continue;
        if (i.target.startsWith(server) && !i.target.startsWith(domain)) bad.push(`${rel(file)} → ${i.spec}`);
      }
      for (const i of imports) if (i.spec.startsWith('node:')) bad.push(`${rel(file)} → ${i.spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'visiting');
      stack.push(f);
      for (const i of graph.get(f) ?? []) {
        if (i.typeOnly || !i.target || !graph.has(i.target)) continue;
        const s = state.get(i.target);
        if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(i.target)), i.target].map(rel).join(' → '));
        else if (!s) visit(i.target);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
