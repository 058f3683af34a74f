/**
 * The catalogue as live data: a generated 1,503-item catalogue imported as CSV and as XLSX through
 * the route (a dry run changes nothing; applying adds every item; a second import with edits
 * reports exactly what it changes and disables), problems by line and column, a hall's services
 * and the ticket rules following the catalogue at once, and managers kept to their own hall.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';
import { catalogueCsv, catalogueRows, catalogueXlsx, type FixtureRow } from '../support/catalogue-fixture';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportAnswer {
  applied: boolean;
  version: number;
  previousVersion: number;
  mode: 'merge' | 'replace';
  counts: { added: number; changed: number; disabled: number; problems: number };
  added: Array<{ code: string }>;
  changed: Array<{ before: { code: string; name: string }; after: { code: string; name: string } }>;
  disabled: Array<{ code: string; enabled: boolean }>;
  problems: Array<{ line: number; code: string; field: string; value: string }>;
}

interface HallDetail {
  areas: Array<{ id: string; services: Array<{ id: string; name: string; aliases?: string[]; pinyin?: string[] }> }>;
}

describe('the service catalogue', () => {
  let redis: RedisProcess;
  let srv: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url, env: { QMS_ALWAYS_OPEN: '1' } });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  /** Sends a file as its own content type (the test server's helper sends text only). */
  async function upload(hallId: string, file: Buffer, type: string, opts: { dryRun?: boolean; as?: string; mode?: 'merge' | 'replace' } = {}) {
    const token = await srv.login(opts.as ?? 'manager');
    const query = new URLSearchParams({ ...(opts.dryRun ? { dryRun: '1' } : {}), ...(opts.mode ? { mode: opts.mode } : {}) }).toString();
    const res = await fetch(`${srv.url}/api/v1/admin/halls/${hallId}/catalogue/import${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: new Uint8Array(file),
    });
    return { status: res.status, body: (await res.json()) as ImportAnswer & { error?: { code: string; message: string } } };
  }

  const catalogue = (hallId: string, as = 'manager') =>
    srv.get<{ version: number; items: Array<{ code: string; name: string; enabled: boolean; aliases: string[]; areaId: string; department: string | null }> }>(
      `/api/v1/admin/halls/${hallId}/catalogue`,
      as,
    );
  const offered = async (hallId: string) =>
    (await srv.get<HallDetail>(`/api/v1/halls/${hallId}`, 'manager')).areas.flatMap((a) => a.services.map((s) => ({ ...s, areaId: a.id })));

  it('is seeded from the configured services, with their ids as codes, so tickets keep naming them', async () => {
    const { version, items } = await catalogue('yuxi');
    expect(version).toBe(1);
    expect(items.length).toBeGreaterThan(80);
    expect(items.find((i) => i.code === 'estate-02')).toMatchObject({ name: '不动产转移登记（存量房买卖）', enabled: true, aliases: [] });
    const services = await offered('yuxi');
    expect(services.map((s) => s.id)).toEqual(items.map((i) => i.code));
    // The pinyin the kiosk searches by comes with each service, one syllable per character.
    expect(services.find((s) => s.id === 'estate-02')!.pinyin![0]!.startsWith('bu dong chan zhuan yi deng ji')).toBe(true);
  });

  it('imports 1,503 items from CSV: a dry run changes nothing, applying adds them all, a second import with edits reports exactly its changes', async () => {
    const rows = catalogueRows(1503);
    const before = await catalogue('yuxi');

    const dry = await upload('yuxi', catalogueCsv(rows), CSV, { dryRun: true, mode: 'replace' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      applied: false,
      version: before.version,
      counts: { added: 1503, changed: 0, disabled: before.items.length, problems: 0 },
    });
    expect(await catalogue('yuxi')).toEqual(before);

    const applied = await upload('yuxi', catalogueCsv(rows), CSV, { mode: 'replace' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      applied: true,
      version: before.version + 1,
      counts: { added: 1503, changed: 0, disabled: before.items.length, problems: 0 },
    });
    const after = await catalogue('yuxi');
    expect(after.items.filter((i) => i.enabled)).toHaveLength(1503);
    // Replace: items missing from the file are kept, disabled.
    expect(after.items.filter((i) => !i.enabled).map((i) => i.code)).toEqual(before.items.map((i) => i.code));
    expect(await offered('yuxi')).toHaveLength(1503);

    // Second import, as XLSX with Chinese headers: 5 renamed, 7 left out, 2 new.
    const edited: FixtureRow[] = rows.slice(7).map((r, i) => (i < 5 ? { ...r, name: `${r.name}（修订）` } : r));
    edited.push(
      { code: '11530400MB900001', name: '新增事项甲', area: 'police', department: '公安局', aliases: '' },
      { code: '11530400MB900002', name: '新增事项乙', area: '税务事项专办', department: '税务局', aliases: '乙项' },
    );
    const second = await upload('yuxi', await catalogueXlsx(edited), XLSX, { dryRun: true, mode: 'replace' });
    expect(second.status).toBe(200);
    expect(second.body.counts).toEqual({ added: 2, changed: 5, disabled: 7, problems: 0 });
    expect(second.body.changed.map((c) => c.before.code)).toEqual(rows.slice(7, 12).map((r) => r.code));
    expect(second.body.disabled.map((d) => d.code)).toEqual(rows.slice(0, 7).map((r) => r.code));
    expect((await catalogue('yuxi')).version).toBe(after.version);

    const secondApplied = await upload('yuxi', await catalogueXlsx(edited), XLSX, { mode: 'replace' });
    expect(secondApplied.body).toMatchObject({ applied: true, version: after.version + 1, counts: { added: 2, changed: 5, disabled: 7, problems: 0 } });
    const services = await offered('yuxi');
    expect(services).toHaveLength(1503 - 7 + 2);
    expect(services.find((s) => s.id === '11530400MB900002')).toMatchObject({ name: '新增事项乙', areaId: 'tax', aliases: ['乙项'] });
  }, 120_000);

  it('imports 1,503 items from XLSX into a hall with a fresh catalogue: the dry run changes nothing, applying adds them all', async () => {
    const file = await catalogueXlsx(catalogueRows(1503));
    const before = await catalogue('tonghai', 'tonghai-manager');
    const dry = await upload('tonghai', file, XLSX, { dryRun: true, as: 'tonghai-manager', mode: 'replace' });
    expect(dry.body.counts).toEqual({ added: 1503, changed: 0, disabled: before.items.length, problems: 0 });
    expect(await catalogue('tonghai', 'tonghai-manager')).toEqual(before);
    const applied = await upload('tonghai', file, XLSX, { as: 'tonghai-manager', mode: 'replace' });
    expect(applied.body).toMatchObject({ applied: true, version: before.version + 1, counts: { added: 1503 } });
    expect(await offered('tonghai')).toHaveLength(1503);
  }, 120_000);

  it('merges by default: a 5-row file adds and updates its rows and keeps every other item enabled; replace disables them; restore undoes either', async () => {
    const restore = (body: unknown, ifMatch?: number) =>
      srv.login('tonghai-manager').then((token) =>
        fetch(`${srv.url}/api/v1/admin/halls/tonghai/catalogue/restore`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(ifMatch !== undefined ? { 'if-match': String(ifMatch) } : {}) },
          body: JSON.stringify(body),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { version: number; restored: number; items: Array<{ code: string; enabled: boolean }>; error?: { code: string } },
        })),
      );
    const before = await catalogue('tonghai', 'tonghai-manager');
    const enabledBefore = before.items.filter((i) => i.enabled).length;
    expect(enabledBefore).toBeGreaterThan(5);
    const listed = before.items.filter((i) => i.enabled).slice(0, 3);
    const rows: FixtureRow[] = [
      ...listed.map((i, n) => ({
        code: i.code,
        name: n === 0 ? `${i.name}（新）` : i.name,
        area: i.areaId,
        department: i.department ?? '',
        aliases: i.aliases.join(';'),
      })),
      { code: '11530400MB700001', name: '新事项一', area: listed[0]!.areaId, department: '', aliases: '' },
      { code: '11530400MB700002', name: '新事项二', area: listed[0]!.areaId, department: '', aliases: '' },
    ];
    const file = catalogueCsv(rows);
    const as = { as: 'tonghai-manager' };

    const dry = await upload('tonghai', file, CSV, { ...as, dryRun: true });
    expect(dry.body).toMatchObject({ applied: false, mode: 'merge', counts: { added: 2, disabled: 0, problems: 0 } });
    const merged = await upload('tonghai', file, CSV, as);
    expect(merged.body).toMatchObject({
      applied: true,
      mode: 'merge',
      previousVersion: before.version,
      version: before.version + 1,
      counts: { added: 2, disabled: 0 },
    });
    const afterMerge = await catalogue('tonghai', 'tonghai-manager');
    expect(afterMerge.items.filter((i) => i.enabled)).toHaveLength(enabledBefore + 2);
    expect(afterMerge.items.find((i) => i.code === listed[0]!.code)!.name).toBe(`${listed[0]!.name}（新）`);

    // Replace, the explicit choice: the dry run names how many go, applying disables them.
    const replaceDry = await upload('tonghai', file, CSV, { ...as, dryRun: true, mode: 'replace' });
    expect(replaceDry.body.counts.disabled).toBe(enabledBefore - 3);
    const replaced = await upload('tonghai', file, CSV, { ...as, mode: 'replace' });
    expect(replaced.body).toMatchObject({ applied: true, mode: 'replace', previousVersion: afterMerge.version });
    expect((await catalogue('tonghai', 'tonghai-manager')).items.filter((i) => i.enabled)).toHaveLength(5);

    // Undo: the version before the replace comes back as a new version; a stale If-Match is refused.
    expect((await restore({ version: replaced.body.previousVersion }, replaced.body.version - 1)).status).toBe(409);
    const undone = await restore({ version: replaced.body.previousVersion }, replaced.body.version);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ version: replaced.body.version + 1, restored: afterMerge.version });
    expect(await catalogue('tonghai', 'tonghai-manager')).toEqual({ version: replaced.body.version + 1, items: afterMerge.items });
    // And back to before the first import too.
    await restore({ version: before.version });
    expect((await catalogue('tonghai', 'tonghai-manager')).items).toEqual(before.items);
    expect((await restore({ version: 999 })).body.error?.code).toBe('not_found');
  });

  it('lists every problem with its line and column, and refuses to apply a file with any', async () => {
    const before = await catalogue('yuxi');
    const file = Buffer.from(
      [
        '事项编码,事项名称,区域,部门,别名',
        '11530400MB800001,好的事项,police,公安局,',
        '11530400MB800002,,police,公安局,',
        '11530400MB800003,某事项,moon,公安局,',
        '11530400MB800001,重复的事项,police,,',
        'bad code!,坏编码,police,,',
      ].join('\r\n'),
    );
    const dry = await upload('yuxi', file, CSV, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { line: 3, code: 'missing_name', field: 'name', value: '' },
      { line: 4, code: 'unknown_area', field: 'area', value: 'moon' },
      { line: 5, code: 'duplicate_code', field: 'code', value: '11530400MB800001' },
      { line: 6, code: 'bad_code', field: 'code', value: 'bad code!' },
    ]);
    const refused = await upload('yuxi', file, CSV);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'catalogue_problems', message: expect.stringContaining('line 4 area: unknown_area ("moon")') });
    expect(await catalogue('yuxi')).toEqual(before);

    const unreadable = await upload('yuxi', Buffer.from('名称\n只有名称\n'), CSV, { dryRun: true });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error!.code).toBe('bad_catalogue_file');
  });

  it('follows a single edit at once: a disabled item is no longer offered nor issued, an alias is searchable', async () => {
    const { items } = await catalogue('yuxi');
    const [off, aliased] = items.filter((i) => i.enabled);
    const patched = await srv.request('PATCH', `/api/v1/admin/halls/yuxi/catalogue/${off!.code}`, { as: 'manager', body: { enabled: false } });
    expect(patched.status).toBe(200);
    expect(patched.body.item).toMatchObject({ code: off!.code, enabled: false });
    expect((await offered('yuxi')).some((s) => s.id === off!.code)).toBe(false);
    const refused = await srv.request('POST', '/api/v1/halls/yuxi/tickets', { as: 'kiosk01', body: { serviceId: off!.code } });
    expect(refused.status).toBe(400);

    await srv.request('PATCH', `/api/v1/admin/halls/yuxi/catalogue/${aliased!.code}`, { as: 'manager', body: { aliases: ['营业执照', '执照'] } });
    const service = (await offered('yuxi')).find((s) => s.id === aliased!.code)!;
    expect(service.aliases).toEqual(['营业执照', '执照']);
    expect(service.pinyin!.slice(1)).toEqual(['ying ye zhi zhao', 'zhi zhao']);
    const ticket = await srv.post('/api/v1/halls/yuxi/tickets', 'kiosk01', { serviceId: aliased!.code }, 201);
    expect(ticket.ticket).toMatchObject({ serviceId: aliased!.code });

    const unknown = await srv.request('PATCH', '/api/v1/admin/halls/yuxi/catalogue/NOPE123', { as: 'manager', body: { enabled: true } });
    expect(unknown.status).toBe(404);
  });

  it('reaches a second node on the same Redis within a second of an edit', async () => {
    const other = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: srv.redisPrefix, env: { QMS_ALWAYS_OPEN: '1' } });
    try {
      await other.login('manager');
      const { items } = await catalogue('yuxi');
      const target = items.find((i) => i.enabled)!;
      const edited = await srv.request('PATCH', `/api/v1/admin/halls/yuxi/catalogue/${target.code}`, { as: 'manager', body: { name: '跨节点改名的事项' } });
      expect(edited.status).toBe(200);
      const at = Date.now();
      await vi.waitFor(
        async () => {
          const detail = await other.get<HallDetail>('/api/v1/halls/yuxi', 'manager');
          expect(detail.areas.flatMap((a) => a.services).find((s) => s.id === target.code)?.name).toBe('跨节点改名的事项');
        },
        { timeout: 1000, interval: 20 },
      );
      expect(Date.now() - at).toBeLessThan(1000);
    } finally {
      await other.close();
    }
  });

  it('keeps a manager to their own hall', async () => {
    const file = catalogueCsv(catalogueRows(3));
    expect((await srv.request('GET', '/api/v1/admin/halls/yuxi/catalogue', { as: 'tonghai-manager' })).status).toBe(403);
    expect((await upload('yuxi', file, CSV, { dryRun: true, as: 'tonghai-manager' })).status).toBe(403);
    expect((await srv.request('PATCH', '/api/v1/admin/halls/yuxi/catalogue/estate-02', { as: 'tonghai-manager', body: { enabled: false } })).status).toBe(403);
    expect((await srv.request('GET', '/api/v1/admin/halls/yuxi/catalogue', { as: 'clerk16' })).status).toBe(403);
    expect((await upload('yuxi', file, CSV, { dryRun: true, as: 'admin' })).status).toBe(200);
  });
});
