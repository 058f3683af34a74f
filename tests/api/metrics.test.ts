/**
 * `GET /metrics`: a served ticket lands in the wait and service histograms (right bucket, exact
 * sum), the final-status counters count it, and the gauges show the hall as it is now. Counters are
 * per node; gauges are hall-wide, the same on every node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const T0 = Date.parse('2026-11-25T10:00:00+08:00');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the Prometheus text format's samples (comments skipped). */
function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function scrape(srv: TestServer): Promise<Sample[]> {
  const res = await fetch(`${srv.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await res.text());
}

describe('Prometheus metrics', () => {
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;
  const clock = new ManualClock(T0);
  const WAIT_MS = 450_250;
  const WALK_MS = 45_000;
  const SERVICE_MS = 372_500;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    a = await startServer({ store: 'redis', redisUrl: redis.url, clock });
    // A second node on the same Redis and hall: it commits nothing itself.
    b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: a.redisPrefix, clock });

    await a.post(`${H}/windows/9/sign-in`, 'clerk09');
    await a.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    await a.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    clock.advance(WAIT_MS);
    await a.post(`${H}/windows/9/call-next`, 'clerk09');
    clock.advance(WALK_MS);
    await a.post(`${H}/windows/9/start`, 'clerk09');
    clock.advance(SERVICE_MS);
    await a.post(`${H}/windows/9/complete`, 'clerk09');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('puts the served ticket in the wait, walk and service histograms with its exact times', async () => {
    const m = await scrape(a);
    const tax = { hall: 'yuxi', area: 'tax' };
    expect(value(m, 'qms_ticket_wait_seconds_count', tax)).toBe(1);
    expect(value(m, 'qms_ticket_wait_seconds_sum', tax)).toBe(WAIT_MS / 1000);
    expect(value(m, 'qms_ticket_wait_seconds_bucket', { ...tax, le: '300' })).toBe(0);
    expect(value(m, 'qms_ticket_wait_seconds_bucket', { ...tax, le: '600' })).toBe(1);
    expect(value(m, 'qms_ticket_walk_seconds_sum', tax)).toBe(WALK_MS / 1000);
    expect(value(m, 'qms_ticket_service_seconds_count', tax)).toBe(1);
    expect(value(m, 'qms_ticket_service_seconds_sum', tax)).toBe(SERVICE_MS / 1000);
    expect(value(m, 'qms_ticket_service_seconds_bucket', { ...tax, le: '300' })).toBe(0);
    expect(value(m, 'qms_ticket_service_seconds_bucket', { ...tax, le: '450' })).toBe(1);
    expect(value(m, 'qms_tickets_issued_total', tax)).toBe(2);
    expect(value(m, 'qms_tickets_finished_total', { ...tax, status: 'done' })).toBe(1);
    expect(value(m, 'qms_tickets_finished_total', { ...tax, status: 'no_show' })).toBeUndefined();
    // Node metrics come along for operators.
    expect(m.some((s) => s.name === 'qms_process_resident_memory_bytes')).toBe(true);
  });

  it('counts a no-show by its final status and shows waiting and open windows as they are now', async () => {
    let m = await scrape(a);
    expect(value(m, 'qms_waiting_tickets', { hall: 'yuxi', area: 'tax' })).toBe(1);
    expect(value(m, 'qms_waiting_tickets', { hall: 'yuxi', area: 'estate' })).toBe(0);
    expect(value(m, 'qms_open_windows', { hall: 'yuxi', area: 'tax' })).toBe(1);
    expect(value(m, 'qms_windows', { hall: 'yuxi', status: 'open' })).toBe(1);
    expect(value(m, 'qms_windows', { hall: 'tonghai', status: 'closed' })).toBe(8);

    await a.post(`${H}/windows/9/call-next`, 'clerk09');
    clock.advance(120_000);
    await a.post(`${H}/windows/9/no-show`, 'clerk09');
    await a.post(`${H}/windows/9/pause`, 'clerk09', { reason: '会议' });
    m = await scrape(a);
    expect(value(m, 'qms_tickets_finished_total', { hall: 'yuxi', area: 'tax', status: 'no_show' })).toBe(1);
    expect(value(m, 'qms_ticket_wait_seconds_count', { hall: 'yuxi', area: 'tax' })).toBe(2);
    expect(value(m, 'qms_waiting_tickets', { hall: 'yuxi', area: 'tax' })).toBe(0);
    expect(value(m, 'qms_open_windows', { hall: 'yuxi', area: 'tax' })).toBe(0);
    expect(value(m, 'qms_windows', { hall: 'yuxi', status: 'paused' })).toBe(1);
  });

  it('counts per node but reports the hall-wide gauges the same on every node', async () => {
    const mb = await scrape(b);
    expect(value(mb, 'qms_tickets_finished_total', { hall: 'yuxi', area: 'tax', status: 'done' })).toBeUndefined();
    expect(value(mb, 'qms_ticket_wait_seconds_count', { hall: 'yuxi', area: 'tax' })).toBeUndefined();
    expect(value(mb, 'qms_windows', { hall: 'yuxi', status: 'paused' })).toBe(1);
    expect(value(mb, 'qms_open_windows', { hall: 'yuxi', area: 'tax' })).toBe(0);

    // A ticket issued through node b is counted by b alone, and both see it waiting.
    await b.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    const [ma, mb2] = [await scrape(a), await scrape(b)];
    expect(value(mb2, 'qms_tickets_issued_total', { hall: 'yuxi', area: 'police' })).toBe(1);
    expect(value(ma, 'qms_tickets_issued_total', { hall: 'yuxi', area: 'police' })).toBeUndefined();
    expect(value(ma, 'qms_waiting_tickets', { hall: 'yuxi', area: 'police' })).toBe(1);
    expect(value(mb2, 'qms_waiting_tickets', { hall: 'yuxi', area: 'police' })).toBe(1);
  });
  it('counts a re-queued no-show once as finished (its first end), across nodes; its service is still timed', async () => {
    const fund = { hall: 'yuxi', area: 'fund' };
    const finished = (m: Sample[], status: string) => value(m, 'qms_tickets_finished_total', { ...fund, status }) ?? 0;
    const total = (m: Sample[]) => ['done', 'no_show', 'cancelled'].reduce((n, s) => n + finished(m, s), 0);
    const [a0, b0] = [await scrape(a), await scrape(b)];
    const t = (await a.post(`${H}/tickets`, 'kiosk01', { areaId: 'fund' }, 201)).ticket;
    await a.post(`${H}/windows/14/sign-in`, 'clerk14');
    await a.post(`${H}/windows/14/call-next`, 'clerk14');
    await a.post(`${H}/windows/14/no-show`, 'clerk14');
    // The citizen comes back; node b re-queues, calls and serves them.
    await b.post(`${H}/tickets/${t.id}/requeue`, 'clerk14', {});
    await b.post(`${H}/windows/14/call-next`, 'clerk14');
    await b.post(`${H}/windows/14/complete`, 'clerk14');
    const [a1, b1] = [await scrape(a), await scrape(b)];
    // Both nodes together: one ticket issued, one finished — as a no-show, its first end.
    expect(total(a1) + total(b1) - total(a0) - total(b0)).toBe(1);
    expect(finished(a1, 'no_show') - finished(a0, 'no_show')).toBe(1);
    expect(finished(b1, 'done') - finished(b0, 'done')).toBe(0);
    expect((value(b1, 'qms_ticket_service_seconds_count', fund) ?? 0) - (value(b0, 'qms_ticket_service_seconds_count', fund) ?? 0)).toBe(1);
  });
});
