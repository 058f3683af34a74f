/**
 * `npm run audit:verify` on a real trail written by a real server: intact, it says so; after a
 * planted change it names the first record that was altered (even one re-hashed to look whole)
 * or removed — in the embedded store's journal and in Redis.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash } from '../../server/audit/audit-trail';
import { hashedText, parseAuditRecord } from '../../server/domain/audit-record';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

function verify(env: Record<string, string>): Promise<{ status: number; out: string }> {
  const all: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  if (!env.REDIS_URL) delete all.REDIS_URL;
  delete all.QMS_CONFIG;
  delete all.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env: all, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/** Signs in a few times, refused and not: records to plant changes among. */
async function someRecords(srv: TestServer): Promise<void> {
  for (const user of ['clerk01', 'clerk02', 'manager']) await srv.login(user);
  await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk03', password: 'wrong-password' } });
  await srv.login('clerk04');
}

describe('npm run audit:verify on the embedded store', () => {
  let srv: TestServer;
  let journal: string;
  let original: string;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    await someRecords(srv);
    await srv.app.close();
    journal = join(srv.dataDir, 'audit.jsonl');
    original = readFileSync(journal, 'utf8');
  });
  afterAll(async () => {
    await srv?.close();
  });

  const lines = () => original.trimEnd().split('\n');
  const plant = (changed: string[]) => writeFileSync(journal, changed.map((l) => l + '\n').join(''));

  it('says an untouched trail is intact', async () => {
    writeFileSync(journal, original);
    const r = await verify({ DATA_DIR: srv.dataDir });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain(`audit trail intact: ${lines().length} records`);
  });

  it('names a record whose fields were changed', async () => {
    const changed = lines();
    changed[2] = changed[2]!.replace(/"actor":"[^"]+"/, '"actor":"someone-else"');
    expect(changed[2]).not.toBe(lines()[2]);
    plant(changed);
    const r = await verify({ DATA_DIR: srv.dataDir });
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('audit record #3 was altered');
  });

  it('names a record changed and re-hashed to look whole (the next one no longer chains to it)', async () => {
    const changed = lines();
    const record = parseAuditRecord(changed[3]!)!;
    const forged = { ...record, status: 200, kind: 'sign_in' as const };
    const { hash: _old, ...body } = forged;
    changed[3] = JSON.stringify({ ...body, hash: chainHash(forged.alg, hashedText(body)) });
    plant(changed);
    const r = await verify({ DATA_DIR: srv.dataDir });
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('audit record #4 was altered');
  });

  it('names a record that was removed', async () => {
    const changed = lines();
    changed.splice(1, 1);
    plant(changed);
    const r = await verify({ DATA_DIR: srv.dataDir });
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('audit record #2 was removed');
  });
});

describe('npm run audit:verify on Redis', () => {
  let redis: RedisProcess;
  let srv: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    // The production key prefix: the script reads the trail as a node would.
    srv = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'qms:' });
    await someRecords(srv);
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('says the trail is intact, then names the record deleted from the stream', async () => {
    const intact = await verify({ REDIS_URL: redis.url });
    expect(intact.status, intact.out).toBe(0);
    expect(intact.out).toContain('audit trail intact: 5 records');

    const client = new Redis(redis.url);
    try {
      expect(await client.xdel('qms:{audit}:trail', '3-0')).toBe(1);
    } finally {
      client.disconnect();
    }
    const broken = await verify({ REDIS_URL: redis.url });
    expect(broken.status, broken.out).toBe(1);
    expect(broken.out).toContain('audit record #3 was removed');
  });
});
