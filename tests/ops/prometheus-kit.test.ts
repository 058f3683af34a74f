/**
 * deploy/prometheus: the alert rules pass `promtool check rules` and their own `promtool test rules`
 * cases, and every metric the rules and the Grafana dashboard name is one a real node's `/metrics`
 * declares (Redis store, so the Redis gauges are there too) — renaming a metric breaks this test,
 * not the operators' alerts. promtool comes from Debian's `prometheus`; missing, the test fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const DIR = 'deploy/prometheus';
const RULES = `${DIR}/qms-rules.yml`;
const DASHBOARD = `${DIR}/qms-dashboard.json`;
/** Series Prometheus makes itself for every scrape target, not the node. */
const PROMETHEUS_OWN = new Set(['up']);
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

function promtool(args: string[], cwd = DIR, input?: string) {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000, input });
  if (r.error) throw new Error(`promtool cannot run (${r.error.message}): install Debian's prometheus package`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The metric names a PromQL expression reads (labels, grouping, ranges and functions left out). */
function metricNames(expr: string): string[] {
  const lv = /label_values\(\s*([a-zA-Z_:][\w:]*)/.exec(expr);
  if (lv) return [lv[1]!];
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names: string[] = [];
  for (const m of bare.matchAll(/(?<![\w.:$])[a-zA-Z_:][\w:]*/g)) {
    const next = bare.slice(m.index + m[0].length).trimStart();
    if (next.startsWith('(') || PROMQL_WORDS.has(m[0])) continue;
    names.push(m[0]);
  }
  return names;
}

function ruleExprs(): string[] {
  return [...readFileSync(RULES, 'utf8').matchAll(/^\s+expr:\s*(.+)$/gm)].map((m) => m[1]!.trim());
}

interface Panel {
  title: string;
  datasource: unknown;
  targets: Array<{ expr: string }>;
}

function dashboardExprs(): string[] {
  const d = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[]; templating: { list: Array<{ query: unknown }> } };
  const exprs = d.panels.flatMap((p) => p.targets.map((t) => t.expr));
  for (const v of d.templating.list) if (typeof v.query === 'object' && v.query) exprs.push((v.query as { query: string }).query);
  return exprs;
}

/** Every series name a scrape can hold: the declared families, with a histogram's three series. */
function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(m[1]!);
    if (m[2] === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m[1]! + s);
  }
  return names;
}

describe('the Prometheus and Grafana kit', () => {
  let redis: RedisProcess;
  let srv: TestServer;
  let scrape: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'qms-prom-'));
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url });
    // The ticket families get samples: a ticket issued, called and served.
    const H = '/api/v1/halls/yuxi';
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    await srv.post(`${H}/windows/9/start`, 'clerk09');
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    const res = await fetch(`${srv.url}/metrics`);
    expect(res.status).toBe(200);
    scrape = await res.text();
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the rules pass promtool check rules, and a broken rule would not', () => {
    const ok = promtool(['check', 'rules', 'qms-rules.yml']);
    expect(ok.status, ok.out).toBe(0);
    const alerts = readFileSync(RULES, 'utf8').match(/^\s+- alert: /gm)!.length;
    expect(ok.out).toContain(`SUCCESS: ${alerts} rules found`);
    for (const name of ['QmsNodeDown', 'QmsStoreUnavailable', 'QmsWaitOverThreshold', 'QmsPrinterFailures', 'QmsRedisMemoryHigh'])
      expect(readFileSync(RULES, 'utf8')).toContain(`alert: ${name}\n`);

    const broken = join(tmp, 'broken.yml');
    writeFileSync(broken, readFileSync(RULES, 'utf8').replace('qms_store_up == 0', 'qms_store_up == == 0'));
    expect(promtool(['check', 'rules', broken], '.').status).not.toBe(0);
  });

  it('each alert fires on the series that should fire it (promtool test rules)', () => {
    const r = promtool(['test', 'rules', 'qms-rules.test.yml']);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('SUCCESS');
  });

  it('every metric the rules and the dashboard read is in a real node’s /metrics', () => {
    const declared = declaredNames(scrape);
    const used = new Set([...ruleExprs(), ...dashboardExprs()].flatMap(metricNames));
    expect(used.size).toBeGreaterThan(10);
    expect(used).toContain('qms_store_up');
    expect(used).toContain('qms_redis_memory_used_bytes');
    const missing = [...used].filter((n) => !PROMETHEUS_OWN.has(n) && !declared.has(n));
    expect(missing).toEqual([]);
    // The store and Redis gauges read real values.
    expect(scrape).toMatch(/^qms_store_up 1$/m);
    expect(Number(/^qms_redis_memory_used_bytes (\d+)$/m.exec(scrape)?.[1])).toBeGreaterThan(0);
    // The extraction itself reads names: a misspelt one would be caught.
    expect(metricNames('sum by (hall) (rate(qms_tickets_isued_total{hall=~"$hall"}[5m])) * 60').filter((n) => !declared.has(n))).toEqual([
      'qms_tickets_isued_total',
    ]);
  });

  it('a busy node’s /metrics parses as Prometheus text (promtool check metrics), and a broken line would not', () => {
    for (const family of ['qms_ticket_wait_seconds_bucket', 'qms_ticket_service_seconds_sum', 'qms_tickets_issued_total', 'qms_windows'])
      expect(scrape).toContain(`\n${family}{`);
    const ok = promtool(['check', 'metrics'], '.', scrape);
    // Exit 3 is lint advice only; every piece of advice is about prom-client's own process figures.
    expect([0, 3], ok.out).toContain(ok.status);
    const advice = ok.out.split('\n').filter(Boolean);
    expect(advice.filter((l) => !l.startsWith('qms_nodejs_'))).toEqual([]);
    const broken = promtool(['check', 'metrics'], '.', scrape.replace(/(qms_ticket_wait_seconds_bucket\{le="\d+"),/, '$1 '));
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('parsing error');
  });

  it('the dashboard is Grafana JSON whose every panel queries Prometheus', () => {
    const d = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
    expect(d.uid).toBe('qms-hall');
    expect(d.panels.length).toBeGreaterThan(5);
    for (const p of d.panels) {
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
  });
});
