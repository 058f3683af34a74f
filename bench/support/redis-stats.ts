/**
 * Where a request's time goes in Redis: the server's CPU use and its command counts (INFO cpu and
 * INFO commandstats; commands run inside a Lua script are counted too), read before and after a run.
 */
import { Redis } from 'ioredis';

export interface RedisSnapshot {
  cpuMs: number;
  calls: Record<string, number>;
}

export class RedisStats {
  private constructor(private readonly redis: Redis) {}

  static async open(url: string): Promise<RedisStats> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    return new RedisStats(redis);
  }

  async snapshot(): Promise<RedisSnapshot> {
    const cpu = await this.redis.info('cpu');
    const user = Number(/used_cpu_user:([\d.]+)/.exec(cpu)?.[1] ?? NaN);
    const sys = Number(/used_cpu_sys:([\d.]+)/.exec(cpu)?.[1] ?? NaN);
    const stats = await this.redis.info('commandstats');
    const calls: Record<string, number> = {};
    for (const m of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[m[1]!] = Number(m[2]);
    return { cpuMs: (user + sys) * 1000, calls };
  }

  /** Commands per request between two snapshots (the INFO calls themselves left out). */
  static perRequest(before: RedisSnapshot, after: RedisSnapshot, requests: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [cmd, n] of Object.entries(after.calls)) {
      if (cmd === 'info') continue;
      const d = n - (before.calls[cmd] ?? 0);
      if (d > 0) out[cmd] = Math.round((d / Math.max(1, requests)) * 100) / 100;
    }
    return out;
  }

  close(): void {
    this.redis.disconnect();
  }
}
