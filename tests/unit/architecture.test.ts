/**
 * Guards the shape: the domain core imports nothing outside itself (no I/O, no packages), browser
 * code takes from the server only the isomorphic domain and the message table (and types), the
 * message table takes only domain types, and no module imports itself back through others — not
 * even through type imports, which the compiler erases but a reader still has to untangle.
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

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:([^'"]*?)\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** `import { type A, type B } from` is erased like `import type`; a side-effect import is not. */
function onlyTypes(clause: string | undefined): boolean {
  const names = clause?.trim().match(/^\{([^}]*)\}$/)?.[1];
  if (names === undefined) return false;
  const parts = names
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((n) => n.startsWith('type '));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[4]!;
    let target: string | null = null;
    if (spec.startsWith('.')) {
      const base = resolve(dirname(file), spec);
      target =
        [`${base}.ts`, join(base, 'index.ts'), base].find((p) => {
          try {
            return statSync(p).isFile();
          } catch {
            return false;
          }
        }) ?? null;
    }
    out.push({ spec, typeOnly: Boolean(m[2]) || onlyTypes(m[3]), target });
  }
  return out;
}

const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(ROOT, f);

const under = (file: string, dir: string): boolean => file.startsWith(join(ROOT, dir) + '/');
/** Code that runs in a browser: screens, counters and the kiosk. */
const BROWSER_DIRS = ['displays', 'counters', 'printers/kiosk'];
/**
 * What browser code may run from the server's tree: the isomorphic core, the message table, and the
 * hall document's schema (TypeBox only, so the console's forms check what the server checks).
 */
const BROWSER_SAFE = ['server/domain', 'server/i18n', 'server/config/hall-schema.ts'];
const isOrUnder = (file: string, path: string): boolean => file === join(ROOT, path) || under(file, path);

/** Import chains that lead back to where they started; type imports count when `withTypes`. */
function cyclesOf(withTypes: boolean): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'visiting');
    stack.push(f);
    for (const i of graph.get(f) ?? []) {
      if ((i.typeOnly && !withTypes) || !i.target || !graph.has(i.target)) continue;
      const s = state.get(i.target);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(i.target)), i.target].map(rel).join(' → '));
      else if (!s) visit(i.target);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

describe('the shape of the code', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(30);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
    expect(files.filter((f) => under(f, 'printers/kiosk')).length).toBeGreaterThan(3);
  });

  it('server/domain imports nothing outside server/domain', () => {
    const bad = [];
    for (const [file, imports] of graph) {
      if (!under(file, 'server/domain')) continue;
      for (const i of imports) if (!i.target || !under(i.target, 'server/domain')) bad.push(`${rel(file)} → ${i.spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('browser code (screens, counters, the kiosk) runs from the server only the domain core and the message table', () => {
    const bad = [];
    for (const [file, imports] of graph) {
      if (!BROWSER_DIRS.some((d) => under(file, d))) continue;
      for (const i of imports) {
        if (i.spec.startsWith('node:')) bad.push(`${rel(file)} → ${i.spec}`);
        if (i.typeOnly || !i.target) continue;
        const browserSide = [...BROWSER_DIRS, ...BROWSER_SAFE].some((d) => isOrUnder(i.target!, d));
        if (!browserSide) bad.push(`${rel(file)} → ${i.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the hall schema browsers run imports only TypeBox and the domain core', () => {
    const file = join(ROOT, 'server/config/hall-schema.ts');
    const bad = (graph.get(file) ?? []).filter((i) => (i.target ? !under(i.target, 'server/domain') : !/^typebox(\/|$)/.test(i.spec))).map((i) => i.spec);
    expect(graph.get(file)?.length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('the message table takes from the rest of the server only domain types', () => {
    const bad = [];
    for (const [file, imports] of graph) {
      if (!under(file, 'server/i18n')) continue;
      for (const i of imports) {
        if (i.target && under(i.target, 'server/i18n')) continue;
        if (i.target && i.typeOnly && under(i.target, 'server/domain')) continue;
        bad.push(`${rel(file)} → ${i.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cyclesOf(false)).toEqual([]);
  });

  it('has no import cycles through type imports either', () => {
    expect(cyclesOf(true)).toEqual([]);
  });
});
