/**
 * 实名取号 and PIPL: no ID number — nor its masked form, nor the name a card gave — in clear in any
 * log line, event, rollup, backup or store key or value, on either store. A whole day runs: tickets
 * by card, by 电子社保卡 QR and typed, a booking by ID checked in by card, calls, the clerk's view of
 * the masked number, the day's close and its rollup; then everything the server left is read:
 * every log line, the day's events, the rollup, an embedded backup and the data directory, every
 * Redis key with its value, and Redis's own append-only files.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { backupDataDir, restoreDataDir } from '../../server/store/data-dir-backup';
import { maskResidentId } from '../../server/domain/resident-id';
import { startServer, type TestServer } from '../support/server';
import { RedisProcess } from '../support/redis';
import { identityHalls, ID_A, ID_B, ID_C, TEST_DATA_KEY } from '../support/identity-hall';

const H = '/api/v1/halls/yuxi';
const START = Date.parse('2026-12-02T10:00:00+08:00');
const DAY = '2026-12-02';
const NAMES = ['阮小七', '扈三娘'];
const SECRETS = [ID_A, ID_B, ID_C, ...[ID_A, ID_B, ID_C].map(maskResidentId), ...NAMES];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every secret found in `texts`, with where: empty when nothing leaked. */
function leaks(where: string, texts: string[]): string[] {
  return texts.flatMap((t, i) => SECRETS.filter((s) => t.includes(s)).map((s) => `${where}[${i}] holds ${s}`));
}

/** A day by ID, through the API as kiosks, clerks and a phone would; returns the issued ticket ids. */
async function runDay(srv: TestServer, clock: ManualClock): Promise<void> {
  const issue = async (body: object) => {
    const res = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.ticket as { id: string; number: string };
  };
  // With an Idempotency-Key, as the booking page sends it: the answer kept for replays is read below too.
  const booked = await srv.request('POST', `${H}/appointments`, {
    body: { areaId: 'police', date: DAY, start: '10:00', idNumber: ID_A },
    key: 'booking-by-id',
  });
  expect(booked.status).toBe(201);
  const a = await issue({ areaId: 'estate', identity: { text: ID_A, via: 'reader', name: NAMES[0] } });
  const b = await issue({ areaId: 'estate', identity: { text: `ESSC|${ID_B}|${NAMES[1]}`, via: 'qr' } });
  await issue({ areaId: 'tax', identity: { text: ID_C.toLowerCase(), via: 'typed' } });
  await issue({ identity: { text: ID_A, via: 'card' } }); // 刷证签到 of the booking
  // Refusals too: a wrong digit, the limit.
  expect(
    (await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'estate', identity: { text: ID_B.slice(0, 16) + '99', via: 'card' } } }))
      .status,
  ).toBe(400);
  expect((await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'estate', identity: { text: ID_A, via: 'card' } } })).status).toBe(409);
  await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
  await srv.post(`${H}/windows/3/call`, 'clerk03', { number: a.number });
  expect((await srv.get(`${H}/tickets/${a.id}/identity`, 'clerk03')).identity.masked).toBe(maskResidentId(ID_A));
  await srv.post(`${H}/windows/3/start`, 'clerk03');
  await srv.post(`${H}/windows/3/complete`, 'clerk03');
  await srv.post(`${H}/windows/3/call`, 'clerk03', { number: b.number });
  await srv.post(`${H}/windows/3/no-show`, 'clerk03');
  // The day ends: closed, its identities erased, its rollup written.
  clock.advance(24 * 3600_000);
  await srv.app.qms.service.tick();
  await expect.poll(async () => (await srv.app.qms.store.readRollups('yuxi', [DAY]))[0] !== null, { timeout: 15_000 }).toBe(true);
}

async function commonChecks(srv: TestServer): Promise<void> {
  const lines = srv.logs.map((l) => JSON.stringify(l));
  expect(lines.length).toBeGreaterThan(20);
  expect(leaks('log', lines)).toEqual([]);
  const events = await srv.app.qms.store.read({ hallId: 'yuxi', day: DAY });
  expect(events.filter((e) => e.type === 'ticket.issued' && e.identity).length).toBe(4);
  expect(
    leaks(
      'event',
      events.map((e) => JSON.stringify(e)),
    ),
  ).toEqual([]);
  const rollups = await srv.app.qms.store.readRollups('yuxi', [DAY]);
  expect(
    leaks(
      'rollup',
      rollups.map((r) => r ?? ''),
    ),
  ).toEqual([]);
}

describe('no ID number in clear anywhere (embedded store)', () => {
  let srv: TestServer | null = null;
  const work = mkdtempSync(join(tmpdir(), 'qms-ident-privacy-'));
  afterAll(async () => {
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('logs, events, rollups, the data directory and a backup hold none of it', async () => {
    const clock = new ManualClock(START);
    srv = await startServer({ store: 'embedded', clock, halls: identityHalls({ perDay: 5 }), env: { QMS_DATA_KEY: TEST_DATA_KEY, QMS_ALWAYS_OPEN: '0' } });
    await runDay(srv, clock);
    await commonChecks(srv);
    // Backups are sealed (QMS_BACKUP_KEY): look in the sealed files and in what a restore gives back.
    const backupKey = Buffer.alloc(32, 7);
    await backupDataDir(srv.dataDir, join(work, 'backup'), { key: backupKey, mode: 'default' });
    await restoreDataDir(join(work, 'backup'), join(work, 'restored'), backupKey);
    const stored = filesUnder(srv.dataDir).map((f) => readFileSync(f, 'latin1'));
    const backup = filesUnder(join(work, 'backup')).map((f) => readFileSync(f, 'latin1'));
    expect(stored.length).toBeGreaterThan(0);
    expect(backup.length).toBeGreaterThan(1);
    // Read as bytes too, so a UTF-8 name is found however the file is encoded on disk.
    const asUtf8 = (files: string[]) => files.map((f) => readFileSync(f, 'utf8'));
    expect(leaks('data', [...stored, ...asUtf8(filesUnder(srv.dataDir))])).toEqual([]);
    expect(leaks('backup', [...backup, ...asUtf8(filesUnder(join(work, 'backup')))])).toEqual([]);
    const restored = filesUnder(join(work, 'restored'));
    expect(restored.length).toBeGreaterThan(0);
    expect(leaks('restored backup', [...restored.map((f) => readFileSync(f, 'latin1')), ...asUtf8(restored)])).toEqual([]);
  });
});

describe('no ID number in clear anywhere (Redis)', () => {
  let srv: TestServer | null = null;
  let redis: RedisProcess | null = null;
  let client: Redis | null = null;
  afterAll(async () => {
    client?.disconnect();
    await srv?.close();
    await redis?.stop();
  });

  it('logs, events, rollups, every key and value, and the append-only files hold none of it', async () => {
    redis = await RedisProcess.start();
    const clock = new ManualClock(START);
    srv = await startServer({
      store: 'redis',
      redisUrl: redis.url,
      clock,
      halls: identityHalls({ perDay: 5 }),
      env: { QMS_DATA_KEY: TEST_DATA_KEY, QMS_ALWAYS_OPEN: '0' },
    });
    await runDay(srv, clock);
    await commonChecks(srv);
    client = new Redis(redis.url);
    const keys = await client.keys('*');
    expect(keys.length).toBeGreaterThan(10);
    const dump: string[] = [];
    for (const key of keys) {
      const type = await client.type(key);
      let value: unknown;
      if (type === 'string') value = await client.get(key);
      else if (type === 'hash') value = await client.hgetall(key);
      else if (type === 'list') value = await client.lrange(key, 0, -1);
      else if (type === 'set') value = await client.smembers(key);
      else if (type === 'zset') value = await client.zrange(key, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') value = await client.xrange(key, '-', '+');
      else value = type;
      dump.push(`${key} ${JSON.stringify(value)}`);
    }
    expect(leaks('redis', dump)).toEqual([]);
    // Nothing of the day's identities is left after its close; the append-only files hold every write ever made, read whole.
    expect(keys.filter((k) => k.includes('identity:'))).toEqual([]);
    const files = filesUnder(redis.dir).map((f) => readFileSync(f, 'utf8'));
    expect(files.length).toBeGreaterThan(0);
    expect(leaks('aof', files)).toEqual([]);
  });
});
