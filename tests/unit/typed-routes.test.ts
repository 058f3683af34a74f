/**
 * Typed routes: params, query, body and headers get their types from the route schemas (the TypeBox
 * type provider), so no server code casts a request part — a cast would be a type the schema does
 * not check. Scans every file under server/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const PART = String.raw`\b(?:request|req)\.(?:body|params|query|headers)\b(?:\[[^\]]*\]|\.\w+)*`;
/** `request.body as …`, `request.headers['x'] as …`, `(request.body ?? {}) as …`, `<T>request.query`. */
const CASTS = [new RegExp(String.raw`${PART}\s+as\s`), new RegExp(String.raw`\(\s*${PART}[^()]*\)\s*as\s`), new RegExp(String.raw`<[^<>()]+>\s*${PART}`)];

/** Each cast of a request part in server/, as `file:line: code`. */
function requestCasts(): string[] {
  const found: string[] = [];
  for (const file of tsFiles(join(ROOT, 'server'))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (CASTS.some((re) => re.test(line))) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('typed routes', () => {
  it('recognises every form of a request-part cast', () => {
    const casts = [
      'const { hallId } = request.params as { hallId: string };',
      'const body = (request.body ?? {}) as Record<string, unknown>;',
      "const key = request.headers['idempotency-key'] as string;",
      'const q = <{ date: string }>request.query;',
      'const lang = (request.query as { lang?: string }).lang;',
    ];
    for (const line of casts)
      expect(
        CASTS.some((re) => re.test(line)),
        line,
      ).toBe(true);
    for (const line of ['const { hallId } = request.params;', "const raw = request.headers['idempotency-key'];", 'const v = err.params as X;']) {
      expect(
        CASTS.some((re) => re.test(line)),
        line,
      ).toBe(false);
    }
  });

  it('no server code casts a request part: its types come from the route schema', () => {
    expect(requestCasts()).toEqual([]);
  });
});
