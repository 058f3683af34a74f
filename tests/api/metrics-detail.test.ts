/**
 * `QMS_METRICS_DETAIL`: per area (hall × area labels) or per hall (no area label, so a province node
 * stays scrapeable); unset, a node with more than 100 halls reports per hall, a smaller one per area.
 * Every node here is real, its halls loaded from a `QMS_CONFIG` file, read over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchHalls } from '../../bench/support/bench-halls';
import { startServer, type TestServer } from '../support/server';

const ticketFamilies = [
  'qms_ticket_wait_seconds_count',
  'qms_tickets_issued_total',
  'qms_tickets_finished_total',
  'qms_waiting_tickets',
  'qms_open_windows',
  'qms_longest_wait_seconds',
];

interface Scrape {
  lines: string[];
  /** Sample lines of the ticket and queue families (per hall or per area). */
  ticketLines: string[];
}

async function scrape(srv: TestServer): Promise<Scrape> {
  const res = await fetch(`${srv.url}/metrics`);
  expect(res.status).toBe(200);
  const lines = (await res.text()).split('\n').filter((l) => l && !l.startsWith('#'));
  return { lines, ticketLines: lines.filter((l) => ticketFamilies.some((f) => l.startsWith(`${f}{`))) };
}

/** Issues, calls and serves one ticket in hall yuxi's tax area, so every ticket family has a sample. */
async function serveOne(srv: TestServer): Promise<void> {
  const H = '/api/v1/halls/yuxi';
  await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
  await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
  await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
  await srv.post(`${H}/windows/9/call-next`, 'clerk09');
  await srv.post(`${H}/windows/9/start`, 'clerk09');
  await srv.post(`${H}/windows/9/complete`, 'clerk09');
}

describe('metrics detail', () => {
  let dir: string;
  let config101: string;
  const servers: TestServer[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qms-metrics-detail-'));
    config101 = writeBenchHalls(dir, 101).path;
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function node(env: Record<string, string>): Promise<TestServer> {
    const srv = await startServer({ store: 'embedded', env: { QMS_DEMO: '1', QMS_PUBLIC_URL: 'https://qms.example.cn', ...env } });
    servers.push(srv);
    await serveOne(srv);
    return srv;
  }

  it('reports per area by default with up to 100 halls', async () => {
    const m = await scrape(await node({}));
    for (const f of ticketFamilies)
      expect(
        m.ticketLines.some((l) => l.startsWith(`${f}{`) && l.includes('area="tax"')),
        f,
      ).toBe(true);
    expect(m.lines).toContain('qms_tickets_issued_total{hall="yuxi",area="tax"} 2');
    expect(m.lines).toContain('qms_waiting_tickets{hall="yuxi",area="tax"} 1');
    // The fine buckets: a 10-second walk edge exists only per area.
    expect(m.lines.some((l) => l.startsWith('qms_ticket_walk_seconds_bucket{le="10",hall="yuxi",area="tax"}'))).toBe(true);
  });

  it('reports per hall by default above 100 halls: no area label anywhere', async () => {
    const m = await scrape(await node({ QMS_CONFIG: config101 }));
    expect(m.ticketLines.length).toBeGreaterThan(0);
    expect(m.lines.filter((l) => l.includes('area='))).toEqual([]);
    expect(m.lines).toContain('qms_tickets_issued_total{hall="yuxi"} 2');
    expect(m.lines).toContain('qms_waiting_tickets{hall="yuxi"} 1');
    expect(m.lines).toContain('qms_ticket_wait_seconds_count{hall="yuxi"} 1');
    expect(m.lines).toContain('qms_tickets_finished_total{hall="yuxi",status="done"} 1');
    // Every hall of the 101 is there, once, in each hall-wide gauge.
    expect(m.lines.filter((l) => l.startsWith('qms_waiting_tickets{')).length).toBe(101);
    expect(m.lines.filter((l) => l.startsWith('qms_areas_over_wait_alert{')).length).toBe(101);
  });

  it('follows QMS_METRICS_DETAIL either way, whatever the hall count', async () => {
    const small = await scrape(await node({ QMS_METRICS_DETAIL: 'hall' }));
    expect(small.lines.filter((l) => l.includes('area='))).toEqual([]);
    expect(small.lines).toContain('qms_tickets_issued_total{hall="yuxi"} 2');

    const big = await scrape(await node({ QMS_CONFIG: config101, QMS_METRICS_DETAIL: 'area' }));
    expect(big.lines).toContain('qms_tickets_issued_total{hall="yuxi",area="tax"} 2');
    expect(big.lines.filter((l) => l.startsWith('qms_waiting_tickets{')).length).toBeGreaterThan(101);
  });

  it('refuses a detail it does not know, naming the setting', async () => {
    await expect(startServer({ store: 'embedded', env: { QMS_METRICS_DETAIL: 'window' } })).rejects.toThrow(/QMS_METRICS_DETAIL=window: expected area or hall/);
  });
});
