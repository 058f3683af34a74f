/**
 * The store contract: one suite, run against every store (embedded, Redis, Redis with PostgreSQL behind it). Stores append at an expected version
 * or refuse, read back exactly what was appended, tell subscribers, and keep what they acknowledged.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HallEvent } from '../../server/domain/events';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import type { AppendNotice, EventStore } from '../../server/store/event-store';
import { embeddedBackend, redisBackend, tieredBackend, type Backend } from '../support/store-backends';

const run = promisify(execFile);

let seq = 0;
function ev(hallId: string, day: string, version: number, extra: Partial<{ text: string }> = {}): HallEvent {
  return {
    type: 'notice.posted',
    notice: { id: `n${++seq}`, text: extra.text ?? `通知 ${seq} 🏛 𠀀` },
    hallId,
    day,
    version,
    at: '2026-11-26T09:00:00.000+08:00',
    commandId: `c${seq}`,
    actor: { id: 'manager', role: 'manager' },
  };
}

describe.each([
  ['embedded', embeddedBackend],
  ['redis', redisBackend],
  ['tiered (Redis, PostgreSQL behind it)', tieredBackend],
] as const)('the %s store keeps the contract', (_name, make) => {
  let backend: Backend;
  let store: EventStore;
  const day = '2026-11-26';

  beforeAll(async () => {
    backend = await make();
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend?.teardown();
  });

  it('appends at the expected version and reads back exactly what was appended', async () => {
    const s = { hallId: 'h1', day };
    const batch = [ev('h1', day, 1), ev('h1', day, 2), ev('h1', day, 3)];
    expect(await store.append(s, 0, batch)).toEqual({ ok: true, version: 3 });
    expect(await store.read(s)).toEqual(batch);
    expect(await store.read(s, 1)).toEqual(batch.slice(1));
    expect(await store.read(s, 3)).toEqual([]);
    expect(await store.version(s)).toBe(3);
  });

  it('refuses an append at a stale version and writes nothing', async () => {
    const s = { hallId: 'h2', day };
    await store.append(s, 0, [ev('h2', day, 1)]);
    expect(await store.append(s, 0, [ev('h2', day, 1)])).toEqual({ ok: false, version: 1 });
    expect(await store.append(s, 5, [ev('h2', day, 6)])).toEqual({ ok: false, version: 1 });
    expect(await store.read(s)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent appends at one version win', async () => {
    const s = { hallId: 'h3', day };
    const results = await Promise.all(Array.from({ length: 25 }, () => store.append(s, 0, [ev('h3', day, 1)])));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.version === 1)).toBe(true);
    expect(await store.read(s)).toHaveLength(1);
  });

  it('keeps halls and days apart, and lists a hall’s days', async () => {
    await store.append({ hallId: 'h4', day: '2026-11-25' }, 0, [ev('h4', '2026-11-25', 1)]);
    await store.append({ hallId: 'h4', day }, 0, [ev('h4', day, 1), ev('h4', day, 2)]);
    expect(await store.version({ hallId: 'h4', day: '2026-11-25' })).toBe(1);
    expect(await store.version({ hallId: 'h4', day })).toBe(2);
    expect(await store.version({ hallId: 'other', day })).toBe(0);
    expect(await store.days('h4')).toEqual(['2026-11-25', day]);
    expect(await store.days('nobody')).toEqual([]);
  });

  it('tells subscribers the new version after every append', async () => {
    const seen: AppendNotice[] = [];
    const off = store.subscribe((n) => n.hallId === 'h5' && seen.push(n));
    await store.append({ hallId: 'h5', day }, 0, [ev('h5', day, 1), ev('h5', day, 2)]);
    await store.append({ hallId: 'h5', day }, 2, [ev('h5', day, 3)]);
    await vi.waitFor(() =>
      expect(seen).toEqual([
        { hallId: 'h5', day, version: 2 },
        { hallId: 'h5', day, version: 3 },
      ]),
    );
    off();
  });

  it('keeps small values: put-if-absent, get, and counting hits in a window', async () => {
    expect(await store.putIfAbsent('k1', 'first', 60_000)).toBe(true);
    expect(await store.putIfAbsent('k1', 'second', 60_000)).toBe(false);
    expect(await store.get('k1')).toBe('first');
    expect(await store.get('missing')).toBeNull();
    // Several at once, in the order asked, a missing one as null.
    expect(await store.getMany(['missing', 'k1', 'k1'])).toEqual([null, 'first', 'first']);
    expect(await store.getMany([])).toEqual([]);
    expect([await store.hit('hits', 60_000), await store.hit('hits', 60_000), await store.hit('hits', 60_000)]).toEqual([1, 2, 3]);
    expect(await store.putIfAbsent('short', 'v', 30)).toBe(true);
    await vi.waitFor(async () => expect(await store.get('short')).toBeNull(), { timeout: 2000, interval: 20 });
    // The window starts at the first hit and later hits do not stretch it: once it ends, counting starts again.
    expect(await store.hit('brief', 30)).toBe(1);
    await vi.waitFor(async () => expect(await store.hit('brief', 30)).toBe(1), { timeout: 2000, interval: 20 });
  });

  it('takes a value once: of many concurrent takers exactly one gets it, and it is gone after', async () => {
    expect(await store.putIfAbsent('code', 'device-1', 60_000)).toBe(true);
    const takes = await Promise.all(Array.from({ length: 8 }, () => store.take('code')));
    expect(takes.filter((t) => t === 'device-1')).toHaveLength(1);
    expect(takes.filter((t) => t === null)).toHaveLength(7);
    expect(await store.get('code')).toBeNull();
    expect(await store.take('never-there')).toBeNull();
    expect(await store.putIfAbsent('code', 'device-2', 60_000)).toBe(true);
    expect(await store.putIfAbsent('expiring', 'v', 30)).toBe(true);
    await vi.waitFor(async () => expect(await store.take('expiring')).toBeNull(), { timeout: 2000, interval: 20 });
  });

  it('creates many documents in one step, only those absent, recorded and announced like single writes, and kept across a restart', async () => {
    const told: string[] = [];
    const off = store.subscribeDocs((n) => n.key.startsWith('seed:') && told.push(`${n.key}@${n.version}`));
    expect((await store.writeDoc('seed:b', 0, '"mine"', { by: 'admin', at: 5 })).ok).toBe(true);
    const docs = [
      { key: 'seed:a', value: '"a"' },
      { key: 'seed:b', value: '"seeded b"' },
      { key: 'seed:c', value: '"c"' },
    ];
    expect((await store.createDocs(docs, { by: 'system', at: 10 })).sort()).toEqual(['seed:a', 'seed:c']);
    expect(await store.createDocs(docs, { by: 'system', at: 11 })).toEqual([]);
    await vi.waitFor(() => expect(told.sort()).toEqual(['seed:a@1', 'seed:b@1', 'seed:c@1'])); // b by its own write only
    off();
    expect((await store.readDoc('seed:b'))?.value).toBe('"mine"');
    const changes = await store.docChanges({ prefix: 'seed:' });
    expect(changes.map((c) => [c.key, c.version, c.by, c.before])).toEqual([
      ['seed:b', 1, 'admin', null],
      ...changes.slice(1).map((c) => [c.key, 1, 'system', null]),
    ]);
    expect(
      changes
        .slice(1)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['seed:a', 'seed:c']);
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect((await store.listDocs('seed:')).map((d) => [d.key, d.version, d.value])).toEqual([
      ['seed:a', 1, '"a"'],
      ['seed:b', 1, '"mine"'],
      ['seed:c', 1, '"c"'],
    ]);
  });

  it('keeps keyed records per collection: overwritten, deleted, and kept across a restart', async () => {
    const sorted = async (c: string) => (await store.listRecords(c)).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await store.listRecords('deliveries')).toEqual([]);
    await store.putRecord('deliveries', 'd1', '{"status":"pending"}');
    await store.putRecord('deliveries', 'd2', '{"status":"pending"} 🏛');
    await store.putRecord('other', 'd1', 'elsewhere');
    await store.putRecord('deliveries', 'd1', '{"status":"dead"}');
    await store.deleteRecords('deliveries', ['d2', 'never-there']);
    await store.deleteRecords('deliveries', []);
    expect(await sorted('deliveries')).toEqual([{ id: 'd1', value: '{"status":"dead"}' }]);
    // Many overwrites and deletes (the embedded journal rewrites itself meanwhile): only the last state counts.
    for (let i = 0; i < 1_500; i++) await store.putRecord('churn', `r${i % 7}`, String(i));
    await store.deleteRecords('churn', ['r0', 'r1']);
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect(await sorted('deliveries')).toEqual([{ id: 'd1', value: '{"status":"dead"}' }]);
    expect(await sorted('other')).toEqual([{ id: 'd1', value: 'elsewhere' }]);
    expect((await sorted('churn')).map((r) => [r.id, r.value])).toEqual([2, 3, 4, 5, 6].map((k) => [`r${k}`, String(1_491 + k)]));
  });

  it('keeps every acknowledged event across a restart (and a server crash)', async () => {
    const s = { hallId: 'h6', day };
    const batch = Array.from({ length: 50 }, (_, i) => ev('h6', day, i + 1));
    for (let i = 0; i < 50; i += 10) expect((await store.append(s, i, batch.slice(i, i + 10))).ok).toBe(true);
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect(await store.read(s)).toEqual(batch);
    expect((await store.append(s, 50, [ev('h6', day, 51)])).ok).toBe(true);
  });

  it('keeps day rollups per hall and day, replaces one on a rebuild, and keeps them across a restart', async () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03'];
    expect(await store.readRollups('h7', days)).toEqual([null, null, null]);
    expect(await store.readRollups('h7', [])).toEqual([]);
    const big = JSON.stringify({ format: 1, text: '玉溪 🏛 𠀀'.repeat(20_000) });
    await store.writeRollup('h7', days[0]!, '{"format":1,"n":1}');
    await store.writeRollup('h7', days[2]!, big);
    await store.writeRollup('h8', days[0]!, '{"other":true}');
    expect(await store.readRollups('h7', days)).toEqual(['{"format":1,"n":1}', null, big]);
    await store.writeRollup('h7', days[0]!, '{"format":2,"n":1}');
    expect(await store.readRollups('h7', [days[2]!, days[0]!])).toEqual([big, '{"format":2,"n":1}']);
    expect(await store.readRollups('h8', days)).toEqual(['{"other":true}', null, null]);
    // Rollups are not days with events.
    expect(await store.days('h7')).toEqual([]);
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect(await store.readRollups('h7', days)).toEqual(['{"format":2,"n":1}', null, big]);
  });

  it('reads a closed day, its version, the hall’s days and the day’s rollup the same once the day has aged', async () => {
    const old = '2026-10-02';
    const s = { hallId: 'h9', day: old };
    const closed: HallEvent = {
      type: 'day.closed',
      reason: 'day_end',
      tickets: [],
      appointmentsMissed: [],
      windows: [],
      hallId: 'h9',
      day: old,
      version: 3,
      at: '2026-10-02T23:59:00.000+08:00',
      commandId: `c${++seq}`,
      actor: null,
    };
    const log = [ev('h9', old, 1), ev('h9', old, 2), closed];
    expect((await store.append(s, 0, log)).ok).toBe(true);
    await store.append({ hallId: 'h9', day }, 0, [ev('h9', day, 1)]);
    const rollup = JSON.stringify({ format: 1, day: old, text: '玉溪 🏛 𠀀' });
    await store.writeRollup('h9', old, rollup);
    await store.writeRollup('h9', '2026-10', '{"month":true}');
    const read = async () => ({
      events: await store.read(s),
      after: await store.read(s, 1),
      version: await store.version(s),
      days: await store.days('h9'),
      rollups: await store.readRollups('h9', [old, '2026-10', day]),
      raw: (await store.readRollupsRaw('h9', [old, '2026-10', day])).map((r) => (r === null || typeof r === 'string' ? r : new TextDecoder().decode(r))),
    });
    const before = await read();
    expect(before).toEqual({
      events: log,
      after: log.slice(1),
      version: 3,
      days: [old, day],
      rollups: [rollup, '{"month":true}', null],
      raw: [rollup, '{"month":true}', null],
    });
    await backend.age(store, 'h9', day);
    expect(await read()).toEqual(before);
    // Rebuilt after it aged: the new rollup is the one read.
    await store.writeRollup('h9', old, '{"format":2}');
    expect(await store.readRollups('h9', [old])).toEqual(['{"format":2}']);
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect({ ...(await read()), rollups: undefined, raw: undefined }).toEqual({ ...before, rollups: undefined, raw: undefined });
    expect(await store.readRollups('h9', [old])).toEqual(['{"format":2}']);
  });

  it('never lets two processes both win: versions stay consecutive and every win is kept', async () => {
    const startAt = String(Date.now() + 3000);
    const writer = (name: string) =>
      run('node_modules/.bin/tsx', ['tests/support/store-writer.ts', backend.location(), backend.prefix, name, '100', startAt], { timeout: 60_000 });
    if (backend.name === 'embedded') {
      // One process owns a data directory; a second one is refused at once, naming the owner.
      const { stdout } = await writer('second');
      expect(JSON.parse(stdout)).toEqual({ error: expect.stringContaining(`in use by process ${process.pid}`) });
      return;
    }
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    const ra = JSON.parse(a.stdout) as { wins: number; conflicts: number };
    const rb = JSON.parse(b.stdout) as { wins: number; conflicts: number };
    expect(ra.wins + rb.wins).toBe(200);
    // They did collide, and each collision was refused rather than both landing.
    expect(ra.conflicts + rb.conflicts).toBeGreaterThan(0);
    const events = await store.read({ hallId: 'race', day });
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.commandId)).size).toBe(200);
  });
});

describe('the embedded journal', () => {
  it('cuts off a torn last line (a crash mid-append) and goes on from the last whole event', async () => {
    const { appendFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'qms-torn-'));
    let store = await EmbeddedEventStore.open({ dataDir: dir });
    const s = { hallId: 'torn', day: '2026-11-26' };
    await store.append(s, 0, [ev('torn', s.day, 1), ev('torn', s.day, 2)]);
    await store.close();
    appendFileSync(join(dir, 'events', 'torn', '2026-11-26.jsonl'), '{"type":"notice.po');
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.version(s)).toBe(2);
    expect((await store.append(s, 2, [ev('torn', s.day, 3)])).ok).toBe(true);
    await store.close();
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect((await store.read(s)).map((e) => e.version)).toEqual([1, 2, 3]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
