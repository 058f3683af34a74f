/**
 * The audit trail on every store (embedded, Redis, Redis with PostgreSQL behind it): records are
 * appended at an expected place or refused, read back in either order, chained without a fork
 * when many nodes record at once, kept across a restart, and (with PostgreSQL) moved to the
 * archive once older than QMS_AUDIT_KEEP_DAYS without leaving the chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../server/audit/audit-trail';
import type { AuditFacts } from '../../server/domain/audit-record';
import type { EventStore } from '../../server/store/event-store';
import { TieredEventStore } from '../../server/store/tiered-store';
import { embeddedBackend, redisBackend, tieredBackend, type Backend } from '../support/store-backends';

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-01-05T09:00:00+08:00');

function facts(n: number, at = T0): AuditFacts {
  return {
    kind: 'sign_in',
    at,
    actor: `user${n}`,
    role: 'clerk',
    address: `10.0.0.${n % 250}`,
    method: 'POST',
    route: '/api/v1/auth/login',
    status: 200,
    hallId: 'yuxi',
    requestId: `r${n}`,
  };
}

describe.each([
  ['embedded', embeddedBackend],
  ['redis', redisBackend],
  ['tiered (Redis, PostgreSQL behind it)', tieredBackend],
] as const)('the %s store keeps the audit trail', (_name, make) => {
  let backend: Backend;
  let store: EventStore;

  beforeAll(async () => {
    backend = await make();
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend?.teardown();
  });

  it('appends at the expected place, refuses a stale one, and reads back in either order', async () => {
    expect(await store.appendAudit(0, ['a', 'b', 'c'])).toEqual({ ok: true, version: 3 });
    expect(await store.appendAudit(2, ['x'])).toEqual({ ok: false, version: 3 });
    expect(await store.appendAudit(0, ['x'])).toEqual({ ok: false, version: 3 });
    expect(await store.appendAudit(3, ['d'])).toEqual({ ok: true, version: 4 });
    expect(await store.readAudit({ limit: 10 })).toEqual([
      { seq: 1, record: 'a' },
      { seq: 2, record: 'b' },
      { seq: 3, record: 'c' },
      { seq: 4, record: 'd' },
    ]);
    expect(await store.readAudit({ after: 1, before: 4, limit: 10 })).toEqual([
      { seq: 2, record: 'b' },
      { seq: 3, record: 'c' },
    ]);
    expect(await store.readAudit({ limit: 2, newestFirst: true })).toEqual([
      { seq: 4, record: 'd' },
      { seq: 3, record: 'c' },
    ]);
    expect(await store.readAudit({ before: 3, limit: 5, newestFirst: true })).toEqual([
      { seq: 2, record: 'b' },
      { seq: 1, record: 'a' },
    ]);
  });

  it('lets exactly one of many concurrent appends at one place win', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.appendAudit(4, [`race${i}`])));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.version === 5)).toBe(true);
    expect(await store.readAudit({ after: 4, limit: 10 })).toHaveLength(1);
  });
});

describe.each([
  ['embedded', embeddedBackend],
  ['redis', redisBackend],
  ['tiered (Redis, PostgreSQL behind it)', tieredBackend],
] as const)('the audit chain on the %s store', (name, make) => {
  let backend: Backend;
  let stores: EventStore[] = [];

  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await backend?.teardown();
  });

  it('stays one chain when many nodes record in parallel, and survives a restart', async () => {
    // The embedded store has one owner per data directory: its "nodes" share one store.
    const first = await backend.open();
    stores = [first];
    if (name !== 'embedded') for (let i = 0; i < 3; i++) stores.push(await backend.open());
    const trails = Array.from({ length: 8 }, (_, i) => new AuditTrail({ store: stores[i % stores.length]!, crypto: 'default', keepDays: 180 }));
    await Promise.all(trails.flatMap((trail, t) => Array.from({ length: 25 }, (_, i) => trail.record(facts(t * 100 + i)))));

    const check = await trails[0]!.verify();
    expect(check).toMatchObject({ ok: true, records: 200 });
    const records = await trails[3]!.read({ limit: 500 });
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.actor)).size).toBe(200);
    for (let i = 1; i < records.length; i++) expect(records[i]!.prev).toBe(records[i - 1]!.hash);

    for (const s of stores) await s.close();
    stores = [await backend.open()];
    const again = new AuditTrail({ store: stores[0]!, crypto: 'sm', keepDays: 180 });
    await again.record(facts(999));
    expect(await again.verify()).toMatchObject({ ok: true, records: 201 });
    const [last] = await again.read({ limit: 1, newestFirst: true });
    // A switch to the national algorithms goes on with the same chain, each record naming its hash.
    expect(last).toMatchObject({ seq: 201, alg: 'sm3', actor: 'user999', prev: records[199]!.hash });
    expect(last!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('moves records older than the keeping period to PostgreSQL only, the chain whole', async () => {
    const store = stores[0]!;
    const trail = new AuditTrail({ store, crypto: 'default', keepDays: 180 });
    const now = T0 + 200 * DAY;
    for (let i = 0; i < 5; i++) await trail.record(facts(2000 + i, now));
    const moved = await trail.retain(now);
    if (!(store instanceof TieredEventStore)) {
      // Nothing to move to: the store keeps every record.
      expect(moved).toBe(0);
      expect(await store.readAudit({ limit: 1 })).toEqual([expect.objectContaining({ seq: 1 })]);
    } else {
      expect(moved).toBe(201);
      const inRedis = await store.redis.readAudit({ limit: 1000 });
      expect(inRedis.map((e) => e.seq)).toEqual([202, 203, 204, 205, 206]);
      const archived = await store.history.readAudit({ limit: 1000 });
      expect(archived.map((e) => e.seq)).toEqual(Array.from({ length: 206 }, (_, i) => i + 1));
    }
    expect(await trail.verify()).toMatchObject({ ok: true, records: 206 });
    // And the next record still chains after the last one.
    await trail.record(facts(3000, now));
    expect(await trail.verify()).toMatchObject({ ok: true, records: 207 });
  });
});
