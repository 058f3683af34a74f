/**
 * Configuration documents in the store contract, on both stores: written by compare-and-set, every
 * write recorded (who, when, before → after), kept across a restart, and announced to every node.
 */
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { StoreUnavailableError, type DocNotice, type EventStore } from '../../server/store/event-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { embeddedBackend, redisBackend, type Backend } from '../support/store-backends';

const hall = (name: string) => JSON.stringify({ id: 'yuxi', name, areas: [{ id: 'a', name: '综合受理 🏛 𠀀' }] });

describe.each([
  ['embedded', embeddedBackend],
  ['redis', redisBackend],
] as const)('the %s store keeps configuration documents', (_name, make) => {
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

  it('creates a document at version 0 only once, then changes it only at its current version', async () => {
    expect(await store.readDoc('hall:yuxi')).toBeNull();
    expect(await store.writeDoc('hall:yuxi', 0, hall('玉溪'), { by: 'admin', at: 1000 })).toEqual({ ok: true, version: 1 });
    expect(await store.writeDoc('hall:yuxi', 0, hall('又一个'), { by: 'admin', at: 1001 })).toEqual({ ok: false, version: 1 });
    expect(await store.writeDoc('hall:yuxi', 1, hall('玉溪市政务服务中心'), { by: 'manager', at: 2000 })).toEqual({ ok: true, version: 2 });
    expect(await store.writeDoc('hall:yuxi', 1, hall('stale'), { by: 'manager', at: 2001 })).toEqual({ ok: false, version: 2 });
    expect(await store.readDoc('hall:yuxi')).toEqual({ key: 'hall:yuxi', version: 2, value: hall('玉溪市政务服务中心') });
  });

  it('lets exactly one of many concurrent writes at one version win', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.writeDoc('hall:race', 0, hall(`w${i}`), { by: `u${i}`, at: 3000 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.version === 1)).toBe(true);
    const changes = await store.docChanges({ prefix: 'hall:race' });
    expect(changes).toHaveLength(1);
    expect((await store.readDoc('hall:race'))?.value).toBe(changes[0]!.after);
  });

  it('creates many documents at once (seeding), leaving the ones that exist alone, and tells subscribers', async () => {
    const notices: Array<{ key: string; version: number }> = [];
    const stop = store.subscribeDocs((n) => notices.push(n));
    await store.writeDoc('catalogue:seed-b', 0, '"kept"', { by: 'admin', at: 7000 });
    const created = await store.createDocs(
      [
        { key: 'catalogue:seed-a', value: '"a"' },
        { key: 'catalogue:seed-b', value: '"b"' },
        { key: 'catalogue:seed-c', value: hall('丙 🏛 𠀀') },
      ],
      { by: 'system', at: 8000 },
    );
    expect([...created].sort()).toEqual(['catalogue:seed-a', 'catalogue:seed-c']);
    expect(await store.readDoc('catalogue:seed-b')).toEqual({ key: 'catalogue:seed-b', version: 1, value: '"kept"' });
    expect(await store.readDoc('catalogue:seed-c')).toEqual({ key: 'catalogue:seed-c', version: 1, value: hall('丙 🏛 𠀀') });
    expect((await store.listDocs('catalogue:seed-')).map((d) => d.key)).toEqual(['catalogue:seed-a', 'catalogue:seed-b', 'catalogue:seed-c']);
    expect(await store.docChanges({ prefix: 'catalogue:seed-a' })).toEqual([
      { key: 'catalogue:seed-a', version: 1, by: 'system', at: 8000, before: null, after: '"a"' },
    ]);
    await vi.waitFor(() =>
      expect(notices.filter((n) => n.key !== 'catalogue:seed-b')).toEqual([
        { key: 'catalogue:seed-a', version: 1 },
        { key: 'catalogue:seed-c', version: 1 },
      ]),
    );
    stop();
  });

  it('records every write with who, when, and the document before and after', async () => {
    await store.writeDoc('account:clerk01', 0, '{"name":"张三"}', { by: 'admin', at: 5000 });
    await store.writeDoc('account:clerk01', 1, '{"name":"张三丰"}', { by: 'manager', at: 6000 });
    expect(await store.docChanges({ prefix: 'account:' })).toEqual([
      { key: 'account:clerk01', version: 1, by: 'admin', at: 5000, before: null, after: '{"name":"张三"}' },
      { key: 'account:clerk01', version: 2, by: 'manager', at: 6000, before: '{"name":"张三"}', after: '{"name":"张三丰"}' },
    ]);
    expect((await store.docChanges({ prefix: 'account:', since: 5500 })).map((c) => c.version)).toEqual([2]);
    expect((await store.docChanges({ prefix: 'account:', until: 5500 })).map((c) => c.version)).toEqual([1]);
    expect(await store.docChanges({ prefix: 'account:', limit: 1 })).toHaveLength(1);
  });

  it('lists documents by key prefix, ordered by key', async () => {
    await store.writeDoc('device:b', 0, '"b"', { by: 'admin', at: 7000 });
    await store.writeDoc('device:a', 0, '"a"', { by: 'admin', at: 7000 });
    await store.writeDoc('devices-other', 0, '"x"', { by: 'admin', at: 7000 });
    expect((await store.listDocs('device:')).map((d) => [d.key, d.value])).toEqual([
      ['device:a', '"a"'],
      ['device:b', '"b"'],
    ]);
    expect(await store.listDocs('nothing:')).toEqual([]);
  });

  it('tells subscribers of each write', async () => {
    const seen: DocNotice[] = [];
    const off = store.subscribeDocs((n) => n.key === 'hall:notify' && seen.push(n));
    await store.writeDoc('hall:notify', 0, '1', { by: 'admin', at: 8000 });
    await store.writeDoc('hall:notify', 1, '2', { by: 'admin', at: 8001 });
    await vi.waitFor(() =>
      expect(seen).toEqual([
        { key: 'hall:notify', version: 1 },
        { key: 'hall:notify', version: 2 },
      ]),
    );
    off();
  });

  it('keeps documents and their history across a restart (and a server crash)', async () => {
    await store.writeDoc('hall:kept', 0, hall('before'), { by: 'admin', at: 9000 });
    await store.writeDoc('hall:kept', 1, hall('after'), { by: 'admin', at: 9001 });
    await store.close();
    await backend.crash();
    store = await backend.open();
    expect(await store.readDoc('hall:kept')).toEqual({ key: 'hall:kept', version: 2, value: hall('after') });
    expect((await store.docChanges({ prefix: 'hall:kept' })).map((c) => c.version)).toEqual([1, 2]);
    expect((await store.writeDoc('hall:kept', 2, hall('again'), { by: 'admin', at: 9002 })).ok).toBe(true);
  });
});

describe('configuration across Redis nodes', () => {
  let backend: Backend;
  let a: EventStore;
  let b: EventStore;
  beforeAll(async () => {
    backend = await redisBackend();
    a = await backend.open();
    b = await backend.open();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backend?.teardown();
  });

  it('announces a write on one node to the other, which then reads it', async () => {
    const seen: DocNotice[] = [];
    b.subscribeDocs((n) => seen.push(n));
    await a.writeDoc('hall:shared', 0, hall('A 写'), { by: 'admin', at: 1 });
    await vi.waitFor(() => expect(seen).toContainEqual({ key: 'hall:shared', version: 1 }));
    expect((await b.readDoc('hall:shared'))?.value).toBe(hall('A 写'));
    expect(await b.writeDoc('hall:shared', 0, hall('B 抢'), { by: 'admin', at: 2 })).toEqual({ ok: false, version: 1 });
  });

  it('refuses at once, as unavailable, on a node whose connection is gone', async () => {
    const lone = await RedisEventStore.open({ url: backend.location(), prefix: backend.prefix });
    await lone.close();
    const started = performance.now();
    await expect(lone.writeDoc('hall:shared', 1, '"x"', { by: 'admin', at: 3 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await a.readDoc('hall:shared'))?.version).toBe(1);
  });
});

describe('the embedded configuration journal', () => {
  it('cuts off a torn last line and goes on from the last whole change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-docs-torn-'));
    let store = await EmbeddedEventStore.open({ dataDir: dir });
    await store.writeDoc('hall:t', 0, '"one"', { by: 'admin', at: 1 });
    await store.close();
    appendFileSync(join(dir, 'config-changes.jsonl'), '{"key":"hall:t","vers');
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.readDoc('hall:t')).toEqual({ key: 'hall:t', version: 1, value: '"one"' });
    expect(await store.writeDoc('hall:t', 1, '"two"', { by: 'admin', at: 2 })).toEqual({ ok: true, version: 2 });
    await store.close();
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect((await store.docChanges({})).map((c) => c.after)).toEqual(['"one"', '"two"']);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the documents a restart finds from the snapshot written at the stop, and the changes after it from the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-docs-snapshot-'));
    const snapshot = join(dir, 'config-docs.snapshot');
    const journal = join(dir, 'config-changes.jsonl');
    const by = { by: 'system', at: 1 };
    let store = await EmbeddedEventStore.open({ dataDir: dir });
    await store.createDocs(
      [
        { key: 'hall:a', value: hall('玉溪 🏛') },
        { key: 'account:x', value: '{"id":"x"}' },
      ],
      by,
    );
    await store.writeDoc('hall:b', 0, '"one"', by);
    await store.close();
    expect(existsSync(snapshot)).toBe(true);
    copyFileSync(snapshot, join(dir, 'older'));

    // Read from the snapshot: a value changed in it (same length) is what the store answers.
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace('"one"', '"ONE"'));
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.readDoc('hall:b')).toEqual({ key: 'hall:b', version: 1, value: '"ONE"' });
    await store.close();

    // Changes made after a snapshot (a stop without one: a crash) are replayed from the journal.
    copyFileSync(join(dir, 'older'), snapshot);
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.readDoc('hall:b')).toEqual({ key: 'hall:b', version: 1, value: '"one"' });
    expect(await store.writeDoc('hall:b', 1, '"two"', by)).toEqual({ ok: true, version: 2 });
    await store.createDocs([{ key: 'account:y', value: '{"id":"y"}' }], by);
    await store.close();
    copyFileSync(join(dir, 'older'), snapshot);
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.readDoc('hall:b')).toEqual({ key: 'hall:b', version: 2, value: '"two"' });
    expect((await store.listDocs('account:')).map((d) => d.key)).toEqual(['account:x', 'account:y']);
    expect(await store.readDoc('hall:a')).toEqual({ key: 'hall:a', version: 1, value: hall('玉溪 🏛') });
    expect((await store.docChanges({})).map((c) => c.key)).toEqual(['hall:a', 'account:x', 'hall:b', 'hall:b', 'account:y']);
    await store.close();

    // A journal that does not begin with the snapshot's bytes (another one put in its place, as a
    // restore would) makes the snapshot void: its documents are the journal's.
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace('"two"', '"TWO"'));
    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"at":1,', '"at":2,'));
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect(await store.readDoc('hall:b')).toEqual({ key: 'hall:b', version: 2, value: '"two"' });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a value UTF-8 cannot hold exactly (a lone surrogate) through a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-docs-surrogate-'));
    const odd = `{"name":"half ${String.fromCharCode(0xd83c)} pair"}`;
    let store = await EmbeddedEventStore.open({ dataDir: dir });
    await store.writeDoc('hall:odd', 0, odd, { by: 'admin', at: 1 });
    await store.close();
    store = await EmbeddedEventStore.open({ dataDir: dir });
    expect((await store.readDoc('hall:odd'))?.value).toBe(odd);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
