import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { DEMO_HALLS, YUXI } from '../../server/config/demo-halls';
import { checkHalls, HallConfigError, loadHalls } from '../../server/config/halls';
import { loadSettings, SettingsError } from '../../server/config/settings';
import { describeTopology } from '../../server/store/redis-connection';
import { configurationSummary } from '../../server/config/summary';

describe('settings from the environment', () => {
  it('defaults to the demo on the embedded store at port 8080', () => {
    expect(loadSettings({})).toMatchObject({ port: 8080, host: '0.0.0.0', redis: null, dataDir: './data', demo: true, alwaysOpen: false, clockStart: null });
  });

  it('lists every bad key at once', () => {
    try {
      loadSettings({ PORT: 'eighty', REDIS_URL: 'localhost:6379', QMS_ALWAYS_OPEN: 'perhaps', QMS_CLOCK_START: 'tomorrow', QMS_TOKEN_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SettingsError);
      const problems = (err as SettingsError).problems.join('\n');
      for (const key of ['PORT', 'REDIS_URL', 'QMS_ALWAYS_OPEN', 'QMS_CLOCK_START', 'QMS_TOKEN_SECRET']) expect(problems).toContain(key);
    }
  });

  it('names the Redis topology: one server, Sentinel, or Cluster', () => {
    expect(loadSettings({ REDIS_URL: 'redis://10.0.0.5:6379' }).redis).toEqual({ kind: 'single', url: 'redis://10.0.0.5:6379' });
    expect(loadSettings({ QMS_REDIS_SENTINELS: '10.0.0.5:26379, sentinel-b:26379,[::1]:26380', QMS_REDIS_SENTINEL_NAME: 'qms' }).redis).toEqual({
      kind: 'sentinel',
      name: 'qms',
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: 'sentinel-b', port: 26379 },
        { host: '::1', port: 26380 },
      ],
    });
    expect(loadSettings({ QMS_REDIS_SENTINELS: '10.0.0.5:26379' }).redis).toMatchObject({ kind: 'sentinel', name: 'mymaster' });
    expect(loadSettings({ QMS_REDIS_CLUSTER: '10.0.0.1:7000,10.0.0.2:7000' }).redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7000 },
      ],
    });
  });

  it('describes the topology for the start-up log without the password', () => {
    const described = describeTopology(loadSettings({ REDIS_URL: 'redis://:s3cret@10.0.0.5:6379/2' }).redis!);
    expect(described).toBe('redis redis://10.0.0.5:6379/2');
    expect(describeTopology(loadSettings({ QMS_REDIS_SENTINELS: 'a:26379,b:26379', QMS_REDIS_SENTINEL_NAME: 'qms' }).redis!)).toBe(
      'redis sentinel qms via a:26379,b:26379',
    );
    expect(describeTopology(loadSettings({ QMS_REDIS_CLUSTER: 'c:7000' }).redis!)).toBe('redis cluster seeded by c:7000');
  });

  it('lists every problem with the Redis variables', () => {
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadSettings(env);
      } catch (err) {
        return (err as SettingsError).problems;
      }
      return [];
    };
    expect(problemsOf({ REDIS_URL: 'redis://a:1', QMS_REDIS_CLUSTER: 'b:2' })).toEqual([
      expect.stringContaining('REDIS_URL and QMS_REDIS_CLUSTER: set only one'),
    ]);
    expect(problemsOf({ QMS_REDIS_SENTINELS: 'a:26379,b,c:99999' })).toEqual([
      expect.stringContaining('QMS_REDIS_SENTINELS: b is not host:port'),
      expect.stringContaining('QMS_REDIS_SENTINELS: c:99999 is not host:port'),
    ]);
    expect(problemsOf({ QMS_REDIS_CLUSTER: ' , ' })).toEqual([expect.stringContaining('QMS_REDIS_CLUSTER: expected host:port')]);
    expect(problemsOf({ QMS_REDIS_SENTINEL_NAME: 'qms' })).toEqual([expect.stringContaining('QMS_REDIS_SENTINEL_NAME is used only with QMS_REDIS_SENTINELS')]);
    expect(problemsOf({ QMS_REDIS_SENTINELS: 'a:1', QMS_REDIS_SENTINEL_NAME: 'my master' })).toEqual([
      expect.stringContaining('QMS_REDIS_SENTINEL_NAME=my master'),
    ]);
  });

  it('waits for one replica behind Sentinel by default, not otherwise; passwords go to the topology, never to the summary', () => {
    expect(loadSettings({ QMS_REDIS_SENTINELS: 'a:26379' }).redisWait).toEqual({ replicas: 1, timeoutMs: 500, strict: false });
    expect(loadSettings({ REDIS_URL: 'redis://a:6379' }).redisWait).toEqual({ replicas: 0, timeoutMs: 500, strict: false });
    expect(loadSettings({ REDIS_URL: 'redis://a:6379', QMS_REDIS_WAIT_REPLICAS: '2', QMS_REDIS_WAIT_MS: '250' }).redisWait).toEqual({
      replicas: 2,
      timeoutMs: 250,
      strict: false,
    });
    expect(loadSettings({ QMS_REDIS_SENTINELS: 'a:26379', QMS_REDIS_WAIT_STRICT: '1' }).redisWait).toEqual({ replicas: 1, timeoutMs: 500, strict: true });
    expect(loadSettings({ QMS_REDIS_SENTINELS: 'a:26379', QMS_REDIS_WAIT_REPLICAS: '0' }).redisWait.replicas).toBe(0);
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadSettings(env);
      } catch (err) {
        return (err as SettingsError).problems;
      }
      return [];
    };
    expect(problemsOf({ QMS_REDIS_CLUSTER: 'c:7000', QMS_REDIS_WAIT_REPLICAS: '1' })).toEqual([
      expect.stringContaining('QMS_REDIS_WAIT_REPLICAS is not supported with QMS_REDIS_CLUSTER'),
    ]);
    expect(problemsOf({ QMS_REDIS_SENTINELS: 'a:1', QMS_REDIS_WAIT_MS: '5000' })).toEqual([expect.stringContaining('QMS_REDIS_WAIT_MS=5000')]);
    expect(problemsOf({ QMS_REDIS_WAIT_REPLICAS: '1' })).toEqual([expect.stringContaining('QMS_REDIS_WAIT_REPLICAS is used only with')]);
    expect(problemsOf({ REDIS_URL: 'redis://a:1', QMS_REDIS_WAIT_STRICT: '1' })).toEqual([
      expect.stringContaining('QMS_REDIS_WAIT_STRICT is used only with QMS_REDIS_WAIT_REPLICAS above 0'),
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://a:1', QMS_REDIS_SENTINEL_PASSWORD: 'x' })).toEqual([
      expect.stringContaining('QMS_REDIS_SENTINEL_PASSWORD is used only with QMS_REDIS_SENTINELS'),
    ]);
    expect(problemsOf({ QMS_REDIS_PASSWORD: 'x' })).toEqual([expect.stringContaining('QMS_REDIS_PASSWORD is used only with')]);

    const settings = loadSettings({
      QMS_REDIS_SENTINELS: 'a:26379',
      QMS_REDIS_SENTINEL_NAME: 'qms',
      QMS_REDIS_PASSWORD: 'data-s3cret',
      QMS_REDIS_SENTINEL_PASSWORD: 'sentinel-s3cret',
    });
    expect(settings.redis).toMatchObject({ kind: 'sentinel', password: 'data-s3cret', sentinelPassword: 'sentinel-s3cret' });
    expect(loadSettings({ QMS_REDIS_CLUSTER: 'c:7000', QMS_REDIS_PASSWORD: 'p' }).redis).toMatchObject({ kind: 'cluster', password: 'p' });
    const summary = configurationSummary(settings, 2, 'http://127.0.0.1:8080');
    const text = JSON.stringify(summary);
    expect(text).not.toContain('s3cret');
    expect(summary.message).toContain(
      'redis sentinel qms via a:26379, passwords: data nodes,sentinels, writes acknowledged once 1 replica holds them (wait ≤ 500 ms; fewer while fewer are connected, down to the primary alone)',
    );
    expect(summary.fields.redis).toMatchObject({ passwords: 'data nodes,sentinels', waitReplicas: 1, waitMs: 500, waitStrict: false });
  });

  it('reads QMS_CLOCK_START as an instant and a config file turns demo accounts off', () => {
    const s = loadSettings({ QMS_CLOCK_START: '2026-12-02T19:05:00+08:00', QMS_CONFIG: '/etc/qms/halls.json', QMS_PUBLIC_URL: 'https://qms.example.cn' });
    expect(s.clockStart).toBe(Date.parse('2026-12-02T11:05:00Z'));
    expect(s.demo).toBe(false);
  });
});

describe('hall configuration', () => {
  it('the demo halls are consistent and model the seed', () => {
    expect(checkHalls(DEMO_HALLS, false)).toEqual([]);
    expect(YUXI.areas).toHaveLength(8);
    expect(YUXI.windows.length).toBeGreaterThanOrEqual(16);
    for (const a of YUXI.areas) {
      expect(YUXI.windows.filter((w) => w.areaIds.includes(a.id)).length).toBeGreaterThanOrEqual(2);
      expect(a.services.length).toBeGreaterThanOrEqual(5);
    }
    expect(YUXI.areas.find((a) => a.id === 'estate')!.services.map((s) => s.name)).toContain('土地出让金缴纳');
  });

  it('finds what a schema cannot: unknown areas, duplicate numbers and prefixes, bad zones', () => {
    const broken = structuredClone(YUXI);
    broken.windows[1]!.number = 1;
    broken.windows[2]!.areaIds = ['nowhere'];
    broken.areas[1]!.prefix = 'A';
    broken.timezone = 'Mars/Olympus';
    const problems = checkHalls([broken], false).join('\n');
    expect(problems).toContain('window number 1 is used twice');
    expect(problems).toContain('unknown area nowhere');
    expect(problems).toContain('ticket prefix A is used twice');
    expect(problems).toContain('unknown timezone Mars/Olympus');
  });

  it('a real config file must hold password hashes, and is checked against the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-config-'));
    const path = join(dir, 'halls.json');
    writeFileSync(path, JSON.stringify({ halls: [{ ...YUXI, staff: [{ id: 'z', name: 'Z', role: 'clerk' }] }] }));
    expect(() => loadHalls({ configPath: path, demo: false })).toThrow(/staff z has no passwordHash/);
    writeFileSync(path, JSON.stringify({ halls: [{ id: 'Bad Id!' }] }));
    expect(() => loadHalls({ configPath: path, demo: false })).toThrow(HallConfigError);
    const hash = await hashPassword('s3cret-拼音');
    const devices = YUXI.devices.map((d) => ({ ...d, passwordHash: hash }));
    const staff = YUXI.staff.map((s) => ({ ...s, passwordHash: hash }));
    writeFileSync(path, JSON.stringify({ halls: [{ ...YUXI, staff, devices }], admins: [{ id: 'root', name: '管理员', passwordHash: hash }] }));
    expect(loadHalls({ configPath: path, demo: false }).halls[0]!.id).toBe('yuxi');
  });

  it('password hashes are scrypt, salted, and verify only the right password', async () => {
    const a = await hashPassword('demo');
    const b = await hashPassword('demo');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('demo', a)).toBe(true);
    expect(await verifyPassword('Demo', a)).toBe(false);
    expect(await verifyPassword('demo', 'plain-text')).toBe(false);
  });
});
