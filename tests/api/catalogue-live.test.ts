/**
 * The catalogue beside live configuration, on two nodes over one Redis: a hall added live has its
 * catalogue at once (its configured services, version 0, unwritten), on the node that added it and
 * on the other, and it takes an import; an import refused when the catalogue changed since its dry
 * run (If-Match); and two imports sent together against one version — one applies, one gets 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueCsv, catalogueRows } from '../support/catalogue-fixture';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

type Catalogue = { version: number; items: Array<{ code: string; name: string; areaId: string; enabled: boolean }> };

describe('the catalogue of live halls and concurrent imports', () => {
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    a = await startServer({ store: 'redis', redisUrl: redis.url });
    b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: a.redisPrefix });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  async function upload(srv: TestServer, hallId: string, file: Buffer, opts: { dryRun?: boolean; ifMatch?: number } = {}) {
    const res = await fetch(`${srv.url}/api/v1/admin/halls/${hallId}/catalogue/import${opts.dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await srv.login('admin')}`,
        'content-type': 'text/csv',
        ...(opts.ifMatch === undefined ? {} : { 'if-match': String(opts.ifMatch) }),
      },
      body: new Uint8Array(file),
    });
    return { status: res.status, body: (await res.json()) as { applied?: boolean; version?: number; counts?: { added: number }; error?: { code: string } } };
  }

  it('gives a hall added live its catalogue at once, on both nodes, and imports into it', async () => {
    const { hall: tonghai } = await a.get('/api/v1/admin/halls/tonghai/config', 'admin');
    const hall = { ...tonghai, id: 'huaning', name: '华宁县政务服务中心', devices: [] };
    delete (hall as { retired?: boolean }).retired;
    expect((await a.request('POST', '/api/v1/admin/halls', { as: 'admin', body: { hall } })).status).toBe(201);
    const services = (hall.areas as Array<{ services: Array<{ id: string }> }>).flatMap((x) => x.services.map((s) => s.id)).sort();

    // Before anyone opens its catalogue: the other node's kiosk offers the services with their pinyin,
    // which only a loaded catalogue carries.
    await expect
      .poll(
        async () => {
          const detail = await b.get<{ areas: Array<{ services: Array<{ pinyin?: string[] }> }> }>('/api/v1/halls/huaning');
          return detail.areas.flatMap((x) => x.services).every((s) => (s.pinyin ?? []).length > 0);
        },
        { timeout: 2000 },
      )
      .toBe(true);
    // Version 0: the configured services, not yet written, so adding a hall records no catalogue change.
    const onA = await a.get<Catalogue>('/api/v1/admin/halls/huaning/catalogue', 'admin');
    expect(onA.version).toBe(0);
    expect(onA.items.map((i) => i.code).sort()).toEqual(services);
    await expect.poll(async () => (await b.request('GET', '/api/v1/admin/halls/huaning/catalogue', { as: 'admin' })).body.version, { timeout: 2000 }).toBe(0);

    const rows = catalogueRows(40).map((r) => ({ ...r, area: hall.areas[0].id }));
    const applied = await upload(b, 'huaning', catalogueCsv(rows));
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, version: 1, counts: { added: 40 } });
    await expect
      .poll(
        async () => {
          const detail = await a.get<{ areas: Array<{ services: Array<{ id: string }> }> }>('/api/v1/halls/huaning');
          return detail.areas.flatMap((x) => x.services.map((s) => s.id)).filter((id) => id.startsWith('11530400MB')).length;
        },
        { timeout: 2000 },
      )
      .toBe(40);
  });

  it('refuses an import whose dry run saw an older catalogue (If-Match), with 409 version_conflict', async () => {
    const file = catalogueCsv(catalogueRows(30));
    const dry = await upload(a, 'yuxi', file, { dryRun: true });
    expect(dry.status).toBe(200);
    const patched = await a.request('PATCH', `/api/v1/admin/halls/yuxi/catalogue/estate-02`, { as: 'manager', body: { name: '不动产转移登记（二手房）' } });
    expect(patched.status).toBe(200);
    const stale = await upload(a, 'yuxi', file, { ifMatch: dry.body.version! });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.code).toBe('version_conflict');
    expect((await a.get<Catalogue>('/api/v1/admin/halls/yuxi/catalogue', 'admin')).version).toBe(patched.body.version);
  });

  it('applies one of two imports sent together against one version; the other gets 409', async () => {
    const { version } = await a.get<Catalogue>('/api/v1/admin/halls/yuxi/catalogue', 'admin');
    const first = catalogueCsv(catalogueRows(1503));
    const second = catalogueCsv(catalogueRows(1503).map((r) => ({ ...r, name: `${r.name}（新版）` })));
    const answers = await Promise.all([upload(a, 'yuxi', first, { ifMatch: version }), upload(b, 'yuxi', second, { ifMatch: version })]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const loser = answers.find((x) => x.status === 409)!;
    expect(loser.body.error!.code).toBe('version_conflict');
    const winner = answers.find((x) => x.status === 200)!;
    expect(winner.body.version).toBe(version + 1);
    const after = await a.get<Catalogue>('/api/v1/admin/halls/yuxi/catalogue', 'admin');
    expect(after.version).toBe(version + 1);
    // Exactly one file's names, never a mix.
    const renamed = after.items.filter((i) => i.code.startsWith('11530400MB') && i.name.endsWith('（新版）')).length;
    expect([0, 1503]).toContain(renamed);
  });
});
