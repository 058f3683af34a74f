/**
 * Scenario 6 — the catalogue at Yuxi's size (1,503 items).
 *
 * Kiosk search: the hall detail as a kiosk receives it (services with the server's pinyin) is
 * indexed as the kiosk does, then realistic queries are typed one keystroke at a time — pinyin
 * initials, full pinyin, Chinese substrings, aliases — and each keystroke's search is timed. The
 * floor, in the same run: a plain substring scan over the same names (the least any search does);
 * and, for comparison, the search as it was before (pinyin-pro's `match` per item per keystroke).
 *
 * Import blocking: a server in this process (embedded store) takes a 1,503-row CSV and XLSX
 * import through the route, dry run and applied, while `monitorEventLoopDelay` records how long
 * the event loop was held; the floor is the same recording over an idle stretch as long.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { match } from 'pinyin-pro';
import pino from 'pino';
import { searchIndex, searchServices, type SearchableArea } from '../../displays/shared/service-search';
import { buildApp } from '../../server/build-app';
import { login } from '../support/cluster';
import { loadSettings } from '../../server/config/settings';
import { catalogueCsv, catalogueRows, catalogueXlsx } from '../../tests/support/catalogue-fixture';

export interface SearchTiming {
  query: string;
  keystrokes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface CatalogueResult {
  items: number;
  search: { queries: SearchTiming[]; p50Ms: number; p99Ms: number; maxMs: number; indexMs: number };
  /** Plain substring scan over the same names, per keystroke. */
  floor: { p50Ms: number; p99Ms: number };
  /** pinyin-pro `match` per item per keystroke (the search before the catalogue). */
  before: { p50Ms: number; p99Ms: number };
  /** Longest event-loop delay (ms) while each import ran through the route. */
  importBlocking: Array<{ what: string; maxDelayMs: number; p99DelayMs: number; durationMs: number }>;
  /** The same recording over an idle stretch of the same length. */
  idleMaxDelayMs: number;
}

/** What a citizen types: pinyin initials, full pinyin, Chinese substrings and aliases. */
const QUERIES = ['spjy', 'shipinjingying', 'ddys', 'yljg', 'pwxk', '食品经营', '许可', '变更登记', '证明开具', '排污', '食品', 'ypls', 'zxdj', 'tzsb', 'hwgg'];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Times `search` for every prefix of every query (each keystroke), after a warm-up pass. */
function timeKeystrokes(search: (typed: string) => unknown, passes: number): { perQuery: SearchTiming[]; all: number[] } {
  for (const q of QUERIES) for (let i = 1; i <= q.length; i++) search(q.slice(0, i));
  const all: number[] = [];
  const perQuery = QUERIES.map((q) => {
    const times: number[] = [];
    for (let p = 0; p < passes; p++) {
      for (const typed of [...q].map((_, i) => [...q].slice(0, i + 1).join(''))) {
        const t = performance.now();
        search(typed);
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    return { query: q, keystrokes: [...q].length, p50Ms: round(quantile(times, 0.5)), p99Ms: round(quantile(times, 0.99)), maxMs: round(times.at(-1) ?? 0) };
  });
  all.sort((a, b) => a - b);
  return { perQuery, all };
}

export async function catalogueScenario(opts: { passes: number }): Promise<CatalogueResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-bench-catalogue-'));
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, QMS_LOG_LEVEL: 'warn' });
  const app = await buildApp({ settings, logger: pino({ level: 'warn' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  try {
    const token = await login(base, 'admin');
    const rows = catalogueRows(1503);
    const files = [
      { what: 'CSV dry run', type: 'text/csv', body: catalogueCsv(rows), dryRun: true },
      { what: 'XLSX dry run', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await catalogueXlsx(rows), dryRun: true },
      { what: 'CSV applied', type: 'text/csv', body: catalogueCsv(rows), dryRun: false },
      {
        what: 'XLSX applied (edits)',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await catalogueXlsx(rows.map((r, i) => (i % 50 === 0 ? { ...r, name: `${r.name}（修订）` } : r))),
        dryRun: false,
      },
    ];
    // The first import starts the parser thread; start it outside the measurement.
    await fetch(`${base}/api/v1/admin/halls/yuxi/catalogue/import?dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: new Uint8Array(catalogueCsv(rows.slice(0, 3))),
    });

    const importBlocking: CatalogueResult['importBlocking'] = [];
    let longest = 0;
    for (const f of files) {
      const h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/admin/halls/yuxi/catalogue/import${f.dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': f.type },
        body: new Uint8Array(f.body),
      });
      // An applied import answers once this node serves the new version, pinyin included.
      await res.json();
      const durationMs = performance.now() - t;
      h.disable();
      if (res.status !== 200) throw new Error(`${f.what}: ${res.status}`);
      longest = Math.max(longest, durationMs);
      importBlocking.push({ what: f.what, maxDelayMs: round(h.max / 1e6), p99DelayMs: round(h.percentile(99) / 1e6), durationMs: Math.round(durationMs) });
    }
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await sleep(longest);
    idle.disable();

    const detail = (await (await fetch(`${base}/api/v1/halls/yuxi`)).json()) as { areas: SearchableArea[] };
    const items = detail.areas.reduce((n, a) => n + a.services.length, 0);
    const t = performance.now();
    const index = searchIndex(detail.areas);
    const indexMs = performance.now() - t;
    const ours = timeKeystrokes((typed) => searchServices(index, typed), opts.passes);
    const names = index.map((e) => e.name);
    const floor = timeKeystrokes((typed) => names.filter((n) => n.includes(typed)), opts.passes);
    const before = timeKeystrokes((typed) => names.filter((n) => match(n, typed, { continuous: true, insensitive: true, v: true })), 1);
    return {
      items,
      search: {
        queries: ours.perQuery,
        p50Ms: round(quantile(ours.all, 0.5)),
        p99Ms: round(quantile(ours.all, 0.99)),
        maxMs: round(ours.all.at(-1) ?? 0),
        indexMs: round(indexMs),
      },
      floor: { p50Ms: round(quantile(floor.all, 0.5)), p99Ms: round(quantile(floor.all, 0.99)) },
      before: { p50Ms: round(quantile(before.all, 0.5)), p99Ms: round(quantile(before.all, 0.99)) },
      importBlocking,
      idleMaxDelayMs: round(idle.max / 1e6),
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
