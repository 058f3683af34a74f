/**
 * The Redis store: a stream per hall and day whose entry ids are the event versions (`7-0` is
 * version 7). The conditional append is one Lua script, so two nodes racing on a hall can never
 * both win. Requests fail fast while Redis is away (no offline queue) instead of queueing writes.
 */
import { readFileSync } from 'node:fs';
import { Cluster, type Redis, type Result } from 'ioredis';
import type { HallEvent } from '../domain/events';
import {
  StoreUnavailableError,
  StoreUnconfirmedError,
  type AppendNotice,
  type AppendResult,
  type AuditEntry,
  type AuditQuery,
  type ChangeAuthor,
  type ConfigDoc,
  type DocChange,
  type DocNotice,
  type EventStore,
  type RollupData,
  type StreamId,
  type WriteDocResult,
} from './event-store';
import { closeClient, connectClient, createRedisClient, type RedisClient, type RedisTopology } from './redis-connection';
import { redisKeys } from './redis-keys';

const APPEND_LUA = readFileSync(new URL('./lua/append-events.lua', import.meta.url), 'utf8');
const WRITE_DOC_LUA = readFileSync(new URL('./lua/write-doc.lua', import.meta.url), 'utf8');
const CREATE_DOCS_LUA = readFileSync(new URL('./lua/create-docs.lua', import.meta.url), 'utf8');
const READ_DOCS_LUA = readFileSync(new URL('./lua/read-docs.lua', import.meta.url), 'utf8');
const CONFIRM_VERSION_LUA = readFileSync(new URL('./lua/confirm-version.lua', import.meta.url), 'utf8');
const APPEND_AUDIT_LUA = readFileSync(new URL('./lua/append-audit.lua', import.meta.url), 'utf8');
const HIT_COUNTER_LUA = readFileSync(new URL('./lua/hit-counter.lua', import.meta.url), 'utf8');
/** Entries per XRANGE page; a read longer than one page may race a trim (see TieredEventStore). */
export const PAGE = 1000;
/**
 * Documents read or created per round trip: a province's 65,000 account and credential documents
 * sent at once would sit in Redis' queue past the command timeout, more so with `appendfsync
 * always`. Reads go in one script call (read-docs.lua) of DOC_BATCH documents; creations in one
 * (create-docs.lua) of at most DOC_BATCH documents and a megabyte of values (halls and catalogues
 * are ~14 kB each).
 */
const DOC_BATCH = 500;
const DOC_BATCH_BYTES = 1 << 20;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    appendEvents(
      stream: string,
      days: string,
      expected: number,
      day: string,
      channel: string,
      hallId: string,
      ...events: string[]
    ): Result<[number, number], Context>;
    writeDoc(
      doc: string,
      index: string,
      changes: string,
      key: string,
      expected: number,
      value: string,
      by: string,
      at: number,
      channel: string,
    ): Result<[number, number], Context>;
    confirmVersion(stream: string, marker: string, version: number): Result<number, Context>;
    appendAudit(trail: string, expected: number, ...records: string[]): Result<[number, number], Context>;
    hitCounter(key: string, windowMs: number): Result<number, Context>;
    createDocs(numberOfKeys: number, ...keysThenArgs: Array<string | number | Buffer>): Result<number[], Context>;
    readDocs(numberOfKeys: number, ...keys: string[]): Result<Array<[string | null, string | null]>, Context>;
  }
}

export type RedisStoreOptions = ({ url: string } | { topology: RedisTopology }) & {
  /** Prefix of every key; tests give each run its own. */
  prefix?: string;
  /** A command that takes longer fails (ms). */
  commandTimeoutMs?: number;
  /**
   * Replicas that must hold an append before it is acknowledged, and how long to wait for them
   * (Settings.redisWait). Not `strict`: with fewer replicas connected to the primary, as many as are.
   */
  wait?: { replicas: number; timeoutMs: number; strict?: boolean };
  /** Where the replication's changes of mode are told (a warning each). */
  log?: { warn: (obj: object, msg: string) => void };
  /** How often the primary's connected replicas are read (INFO replication), ms; default 1000. */
  replicaProbeMs?: number;
};

/**
 * How writes are confirmed now: `wanted` replicas configured, `connected` to the primary at the
 * last look (null before the first), `confirming` the number each write waits for; `degraded`
 * when that is below `wanted` (not in strict mode, which refuses instead).
 */
export interface ReplicationState {
  wanted: number;
  connected: number | null;
  confirming: number;
  strict: boolean;
  degraded: boolean;
}

/** Replicas in sync with the primary (`slaveN:…,state=online,…` of INFO replication); 0 on a node that is not a primary. */
export function onlineReplicas(info: string): number {
  if (!/^role:master\s*$/m.test(info)) return 0;
  return info.split('\n').filter((line) => /^slave\d+:.*\bstate=online\b/.test(line)).length;
}

/** `host:port` of the server a connection talks to (for a Sentinel client: the primary it found). */
function addressOf(node: Redis): string {
  const socket = (node as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  return socket?.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : `${node.options.host}:${node.options.port}`;
}

async function nodeSettingsWarnings(node: Redis): Promise<string[]> {
  const get = async (name: string): Promise<string | null> => {
    try {
      const reply = await node.config('GET', name);
      return reply[1] ?? null;
    } catch {
      return null; // CONFIG may be disabled on managed Redis: nothing to check then
    }
  };
  const at = addressOf(node);
  const warnings: string[] = [];
  const [aof, fsync, policy] = await Promise.all([get('appendonly'), get('appendfsync'), get('maxmemory-policy')]);
  if (aof === 'no') warnings.push(`${at}: appendonly is off: a Redis restart loses tickets (set appendonly yes, appendfsync always)`);
  if (aof === 'yes' && fsync === 'no') warnings.push(`${at}: appendfsync is no: a crash may lose tickets (use always, or everysec)`);
  if (policy !== null && policy !== 'noeviction') warnings.push(`${at}: maxmemory-policy is ${policy}: Redis may evict a hall's events (use noeviction)`);
  return warnings;
}

function wrap(err: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`redis: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

export class RedisEventStore implements EventStore {
  readonly kind = 'redis' as const;
  private readonly keys: ReturnType<typeof redisKeys>;
  private readonly listeners = new Set<(n: AppendNotice) => void>();
  private readonly docListeners = new Set<(n: DocNotice) => void>();
  /** The WAIT sent last and not answered yet, and the one queued to follow it (see `replicated`). */
  private waitInFlight: Promise<number> | null = null;
  private waitQueued: Promise<number> | null = null;
  /** Replicas connected to the primary at the last look; null before the first. */
  private connectedReplicas: number | null = null;
  /** The look under way, shared by everyone who asks meanwhile. */
  private probing: Promise<void> | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  /** The mode last told in the log, so each change is told once. */
  private toldMode = 'full';

  /**
   * `writer` carries the event appends and their WAITs: with a replica wait it is a connection of
   * its own, so a WAIT held up by a slow replica delays no read, ping or other hall's page (a
   * connection runs its commands in order, and WAIT blocks it); without, it is `redis`.
   */
  private constructor(
    private readonly redis: RedisClient,
    private readonly writer: RedisClient,
    private readonly sub: RedisClient,
    prefix: string,
    private readonly wait: { replicas: number; timeoutMs: number; strict: boolean },
    private readonly log?: { warn: (obj: object, msg: string) => void },
  ) {
    this.keys = redisKeys(prefix);
    redis.defineCommand('appendEvents', { numberOfKeys: 2, lua: APPEND_LUA });
    redis.defineCommand('writeDoc', { numberOfKeys: 3, lua: WRITE_DOC_LUA });
    redis.defineCommand('hitCounter', { numberOfKeys: 1, lua: HIT_COUNTER_LUA });
    // Its keys vary in number: the first argument says how many.
    redis.defineCommand('createDocs', { lua: CREATE_DOCS_LUA });
    redis.defineCommand('appendAudit', { numberOfKeys: 1, lua: APPEND_AUDIT_LUA });
    redis.defineCommand('readDocs', { lua: READ_DOCS_LUA });
    if (writer !== redis) writer.defineCommand('appendEvents', { numberOfKeys: 2, lua: APPEND_LUA });
    writer.defineCommand('confirmVersion', { numberOfKeys: 2, lua: CONFIRM_VERSION_LUA });
    sub.on('message', (channel: string, message: string) => {
      if (channel === this.keys.docWritten) {
        const space = message.indexOf(' ');
        const notice = { version: Number(message.slice(0, space)), key: message.slice(space + 1) };
        for (const l of this.docListeners) l(notice);
        return;
      }
      const [hallId, day, version] = message.split(' ');
      if (!hallId || !day || !version) return;
      const notice = { hallId, day, version: Number(version) };
      for (const l of this.listeners) l(notice);
    });
  }

  /** Connects (rejecting if Redis is not there) and subscribes to append notices. */
  static async open(opts: RedisStoreOptions): Promise<RedisEventStore> {
    const topology: RedisTopology = 'topology' in opts ? opts.topology : { kind: 'single', url: opts.url };
    const wait = { replicas: opts.wait?.replicas ?? 0, timeoutMs: opts.wait?.timeoutMs ?? 0, strict: opts.wait?.strict ?? false };
    const redis = createRedisClient(topology, { role: 'command', lazyConnect: true, commandTimeoutMs: opts.commandTimeoutMs });
    // An append may queue behind one WAIT in flight and one queued after it: allow for both.
    const writer =
      wait.replicas > 0
        ? createRedisClient(topology, { role: 'command', lazyConnect: true, commandTimeoutMs: (opts.commandTimeoutMs ?? 2000) + 2 * wait.timeoutMs })
        : redis;
    const sub = createRedisClient(topology, { role: 'subscriber', lazyConnect: true });
    try {
      await connectClient(redis, topology);
      if (writer !== redis) await connectClient(writer, topology);
      await connectClient(sub, topology);
    } catch (err) {
      redis.disconnect();
      writer.disconnect();
      sub.disconnect();
      throw wrap(err);
    }
    const store = new RedisEventStore(redis, writer, sub, opts.prefix ?? 'qms:', wait, opts.log);
    await sub.subscribe(store.keys.appended, store.keys.docWritten);
    if (wait.replicas > 0) {
      // Looked at now and then, not per write: a failover takes the only replica away for good.
      await store.probeReplicas();
      store.probeTimer = setInterval(() => void store.probeReplicas(), opts.replicaProbeMs ?? 1000);
      store.probeTimer.unref();
    }
    return store;
  }

  /** The command connection, for Redis-backed helpers that share it. */
  get client(): RedisClient {
    return this.redis;
  }

  /**
   * What in Redis' settings puts tickets at risk: no AOF (a restart loses the day), an eviction
   * policy (Redis may delete a hall's stream under memory pressure). Every primary of a Cluster is
   * asked (each holds its own halls), and each warning names the node. Empty when all is well.
   */
  async settingsWarnings(): Promise<string[]> {
    const nodes: Redis[] = this.redis instanceof Cluster ? this.redis.nodes('master') : [this.redis];
    const perNode = await Promise.all(nodes.map((node) => nodeSettingsWarnings(node)));
    return perNode.flat();
  }

  /** How writes are confirmed now (null: no replica wait configured). */
  replication(): ReplicationState | null {
    const { replicas: wanted, strict } = this.wait;
    if (wanted === 0) return null;
    const confirming = this.confirming();
    return { wanted, connected: this.connectedReplicas, confirming, strict, degraded: confirming < wanted };
  }

  /** The replicas a write waits for now: the configured number, or (not strict) as many as are connected. */
  private confirming(): number {
    const { replicas, strict } = this.wait;
    if (strict || this.connectedReplicas === null) return replicas;
    return Math.min(replicas, this.connectedReplicas);
  }

  /**
   * Reads how many replicas are connected to the primary (INFO replication, on the command
   * connection), and tells the log when that changes how writes are confirmed. A failed look keeps
   * the last answer (Redis away: writes fail anyway).
   */
  private probeReplicas(): Promise<void> {
    this.probing ??= (async () => {
      try {
        this.connectedReplicas = onlineReplicas(await (this.redis as Redis).info('replication'));
        this.tellMode();
      } catch {
        // keep the last answer
      } finally {
        this.probing = null;
      }
    })();
    return this.probing;
  }

  private tellMode(): void {
    const { replicas: wanted, strict } = this.wait;
    const connected = this.connectedReplicas ?? wanted;
    const mode = connected >= wanted ? 'full' : `${connected}`;
    if (mode === this.toldMode) return;
    this.toldMode = mode;
    const fields = { module: 'store', replicasWanted: wanted, replicasConnected: connected, strict };
    if (mode === 'full') {
      this.log?.warn(
        { ...fields, replicationDegraded: false },
        `redis replication restored: ${connected} replica(s) connected to the primary; tickets are confirmed by ${wanted} again`,
      );
    } else if (strict) {
      this.log?.warn(
        { ...fields, replicationDegraded: false },
        `redis replication short: ${connected} of ${wanted} replica(s) connected to the primary; QMS_REDIS_WAIT_STRICT=1, so tickets are refused (503 store_unconfirmed) until they are back`,
      );
    } else {
      this.log?.warn(
        { ...fields, replicationDegraded: true },
        `redis replication degraded: ${connected} of ${wanted} replica(s) connected to the primary; tickets are confirmed by ${connected === 0 ? 'the primary alone' : `${connected} replica(s)`} until they are back (a failover now could lose them; QMS_REDIS_WAIT_STRICT=1 refuses tickets instead)`,
      );
    }
  }

  /**
   * Resolves once the replicas hold every write the writer connection made so far (Redis WAIT:
   * replication is one ordered stream, so that covers everything the primary had then): the
   * configured number, or (not strict) as many as are connected to the primary, none when none is.
   * Throws StoreUnconfirmedError when fewer confirm in time: the write is on the primary but a
   * failover now could lose it, so it must not be acknowledged. Call after the write's reply.
   */
  private async replicated(): Promise<void> {
    const { replicas, timeoutMs, strict } = this.wait;
    if (replicas === 0) return;
    const needed = this.confirming();
    if (needed === 0) return; // degraded to the primary alone (told in the log and /metrics)
    let acked: number;
    try {
      acked = await this.sharedWait();
    } catch (err) {
      throw wrap(err);
    }
    if (acked >= needed) return;
    if (!strict) {
      // Fewer confirmed: perhaps a replica just left (the primary died and its replica took over,
      // alone). Look again now rather than at the next probe, and settle for those that are left.
      await this.probeReplicas();
      if (acked >= this.confirming()) return;
    }
    throw new StoreUnconfirmedError(`redis: ${acked} of ${needed} replica(s) confirmed the write within ${timeoutMs} ms`);
  }

  /**
   * Concurrent appends (many halls) share WAITs instead of queueing one each behind the other: a
   * WAIT covers every write its connection made before it. One already in flight may have been sent
   * before the caller's write, so the caller joins the next one, sent as soon as that returns —
   * never more than one in flight and one queued.
   */
  private sharedWait(): Promise<number> {
    const send = (): Promise<number> => {
      // At least one: a WAIT is only sent when some replica is waited for.
      const sent = (this.writer as Redis).wait(Math.max(1, this.confirming()), this.wait.timeoutMs).finally(() => {
        if (this.waitInFlight === sent) this.waitInFlight = null;
      });
      this.waitInFlight = sent;
      return sent;
    };
    if (!this.waitInFlight) return send();
    this.waitQueued ??= this.waitInFlight
      .catch(() => 0)
      .then(() => {
        this.waitQueued = null;
        return send();
      });
    return this.waitQueued;
  }

  /**
   * Confirms that the stream's events up to `version`, already stored (a retry is answered from
   * them), are held by the replicas too: a write after them on this connection, then WAIT.
   */
  async confirm(stream: StreamId, version: number): Promise<void> {
    if (this.wait.replicas === 0) return;
    let current: number;
    try {
      current = Number(await this.writer.confirmVersion(this.keys.stream(stream.hallId, stream.day), this.keys.confirmed(stream.hallId), version));
    } catch (err) {
      throw wrap(err);
    }
    if (current < version) throw new StoreUnavailableError(`redis: hall ${stream.hallId} is at version ${current}, below ${version} (a failover lost events)`);
    await this.replicated();
  }

  async append(stream: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { ok: true, version: expectedVersion };
    let reply: [number, number];
    try {
      reply = await this.writer.appendEvents(
        this.keys.stream(stream.hallId, stream.day),
        this.keys.days(stream.hallId),
        expectedVersion,
        stream.day,
        this.keys.appended,
        stream.hallId,
        ...events.map((e) => JSON.stringify(e)),
      );
    } catch (err) {
      throw wrap(err);
    }
    // Only a write needs its replicas; a conflict changed nothing.
    if (reply[0] === 1) await this.replicated();
    return { ok: reply[0] === 1, version: Number(reply[1]) };
  }

  async read(stream: StreamId, afterVersion = 0): Promise<HallEvent[]> {
    const key = this.keys.stream(stream.hallId, stream.day);
    const out: HallEvent[] = [];
    let from = afterVersion + 1;
    try {
      for (;;) {
        const page = await this.redis.xrange(key, `${from}-0`, '+', 'COUNT', PAGE);
        for (const [, fields] of page) out.push(JSON.parse(fields[1]!) as HallEvent);
        if (page.length < PAGE) break;
        from = Number(page[page.length - 1]![0].split('-')[0]) + 1;
      }
    } catch (err) {
      throw wrap(err);
    }
    return out;
  }

  async version(stream: StreamId): Promise<number> {
    try {
      const last = await this.redis.xrevrange(this.keys.stream(stream.hallId, stream.day), '+', '-', 'COUNT', 1);
      return last.length ? Number(last[0]![0].split('-')[0]) : 0;
    } catch (err) {
      throw wrap(err);
    }
  }

  /**
   * Drops a day's raw events from Redis (once the history store holds them) and notes the day as
   * trimmed, in one step; the day stays listed among the hall's days.
   */
  async trimDay(hallId: string, day: string): Promise<void> {
    try {
      await this.redis.multi().sadd(this.keys.trimmed(hallId), day).del(this.keys.stream(hallId, day)).exec();
    } catch (err) {
      throw wrap(err);
    }
  }

  async isTrimmed(hallId: string, day: string): Promise<boolean> {
    try {
      return (await this.redis.sismember(this.keys.trimmed(hallId), day)) === 1;
    } catch (err) {
      throw wrap(err);
    }
  }

  /** The hall's days whose raw events already left Redis. */
  async trimmedDays(hallId: string): Promise<Set<string>> {
    try {
      return new Set(await this.redis.smembers(this.keys.trimmed(hallId)));
    } catch (err) {
      throw wrap(err);
    }
  }

  async days(hallId: string): Promise<string[]> {
    try {
      return (await this.redis.smembers(this.keys.days(hallId))).sort();
    } catch (err) {
      throw wrap(err);
    }
  }

  async readRollups(hallId: string, days: readonly string[]): Promise<Array<string | null>> {
    if (days.length === 0) return [];
    try {
      return await this.redis.hmget(this.keys.rollups(hallId), ...days);
    } catch (err) {
      throw wrap(err);
    }
  }

  async readRollupsRaw(hallId: string, days: readonly string[]): Promise<Array<RollupData | null>> {
    if (days.length === 0) return [];
    try {
      return await this.redis.hmgetBuffer(this.keys.rollups(hallId), ...days);
    } catch (err) {
      throw wrap(err);
    }
  }

  async writeRollup(hallId: string, day: string, value: string): Promise<void> {
    try {
      await this.redis.hset(this.keys.rollups(hallId), day, value);
    } catch (err) {
      throw wrap(err);
    }
  }

  /** The keys (days and months) of the hall's rollups held here. */
  async rollupKeys(hallId: string): Promise<string[]> {
    try {
      return (await this.redis.hkeys(this.keys.rollups(hallId))).sort();
    } catch (err) {
      throw wrap(err);
    }
  }

  /** Removes rollups from here (the history store holds them). */
  async dropRollups(hallId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.redis.hdel(this.keys.rollups(hallId), ...keys);
    } catch (err) {
      throw wrap(err);
    }
  }

  subscribe(listener: (notice: AppendNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.redis.set(this.keys.value(key), value, 'PX', ttlMs, 'NX')) === 'OK';
    } catch (err) {
      throw wrap(err);
    }
  }

  async get(key: string): Promise<string | null> {
    try {
      return await this.redis.get(this.keys.value(key));
    } catch (err) {
      throw wrap(err);
    }
  }

  async getMany(keys: readonly string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return [];
    try {
      // One MGET; on a Cluster the keys lie in different slots (no hash tag), so a GET each, sent
      // together on the auto-pipeline.
      if (this.redis instanceof Cluster) return await Promise.all(keys.map((k) => this.redis.get(this.keys.value(k))));
      return await this.redis.mget(...keys.map((k) => this.keys.value(k)));
    } catch (err) {
      throw wrap(err);
    }
  }

  async take(key: string): Promise<string | null> {
    try {
      return await this.redis.getdel(this.keys.value(key));
    } catch (err) {
      throw wrap(err);
    }
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const k = this.keys.value(key);
    try {
      // One command (a script), not a transaction: it shares the auto-pipeline with other requests.
      return await this.redis.hitCounter(k, windowMs);
    } catch (err) {
      throw wrap(err);
    }
  }

  async appendAudit(expected: number, records: readonly string[]): Promise<AppendResult> {
    if (records.length === 0) return { ok: true, version: expected };
    try {
      const [ok, seq] = await this.redis.appendAudit(this.keys.auditTrail, expected, ...records);
      return { ok: ok === 1, version: Number(seq) };
    } catch (err) {
      throw wrap(err);
    }
  }

  async readAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const low = query.after !== undefined ? `(${query.after}-0` : '-';
    const high = query.before !== undefined ? `(${query.before}-0` : '+';
    try {
      const page = query.newestFirst
        ? await this.redis.xrevrange(this.keys.auditTrail, high, low, 'COUNT', query.limit)
        : await this.redis.xrange(this.keys.auditTrail, low, high, 'COUNT', query.limit);
      return page.map(([id, fields]) => ({ seq: Number(id.split('-')[0]), record: fields[1]! }));
    } catch (err) {
      throw wrap(err);
    }
  }

  /**
   * Drops audit records up to `throughSeq` from Redis (the archive holds them), the last record
   * always kept: the next record chains to it, and the trail's place is read from it.
   */
  async trimAudit(throughSeq: number): Promise<number> {
    try {
      const last = await this.redis.xrevrange(this.keys.auditTrail, '+', '-', 'COUNT', 1);
      const lastSeq = last.length ? Number(last[0]![0].split('-')[0]) : 0;
      const through = Math.min(throughSeq, lastSeq - 1);
      return through > 0 ? await this.redis.xtrim(this.keys.auditTrail, 'MINID', `${through + 1}-0`) : 0;
    } catch (err) {
      throw wrap(err);
    }
  }

  async putRecord(collection: string, id: string, value: string): Promise<void> {
    try {
      await this.redis.hset(this.keys.records(collection), id, value);
    } catch (err) {
      throw wrap(err);
    }
  }

  async deleteRecords(collection: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.redis.hdel(this.keys.records(collection), ...ids);
    } catch (err) {
      throw wrap(err);
    }
  }

  async listRecords(collection: string): Promise<Array<{ id: string; value: string }>> {
    try {
      return Object.entries(await this.redis.hgetall(this.keys.records(collection))).map(([id, value]) => ({ id, value }));
    } catch (err) {
      throw wrap(err);
    }
  }

  async readDoc(key: string): Promise<ConfigDoc | null> {
    try {
      const [version, value] = await this.redis.hmget(this.keys.doc(key), 'version', 'value');
      return version && typeof value === 'string' ? { key, version: Number(version), value } : null;
    } catch (err) {
      throw wrap(err);
    }
  }

  async listDocs(prefix: string): Promise<ConfigDoc[]> {
    try {
      // Lexicographic range over the index: every key that starts with the prefix.
      const keys = await this.redis.zrangebylex(this.keys.docIndex, `[${prefix}`, `[${prefix}\xff`);
      // One script call per slice (read-docs.lua), a slice at a time.
      const docs: ConfigDoc[] = [];
      for (let i = 0; i < keys.length; i += DOC_BATCH) {
        const slice = keys.slice(i, i + DOC_BATCH);
        const rows = await this.redis.readDocs(slice.length, ...slice.map((k) => this.keys.doc(k)));
        rows.forEach(([version, value], n) => {
          if (version && typeof value === 'string') docs.push({ key: slice[n]!, version: Number(version), value });
        });
      }
      return docs;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : wrap(err);
    }
  }

  async writeDoc(key: string, expectedVersion: number, value: string, author: ChangeAuthor): Promise<WriteDocResult> {
    try {
      const [ok, version] = await this.redis.writeDoc(
        this.keys.doc(key),
        this.keys.docIndex,
        this.keys.docChanges,
        key,
        expectedVersion,
        value,
        author.by,
        author.at,
        this.keys.docWritten,
      );
      return { ok: ok === 1, version: Number(version) };
    } catch (err) {
      throw wrap(err);
    }
  }

  async createDocs(docs: ReadonlyArray<{ key: string; value: string }>, author: ChangeAuthor): Promise<string[]> {
    // A slice at a time through one script call (as many as DOC_BATCH documents, or a megabyte):
    // atomic per document, like writeDoc at version 0; a province's 65,000 in a few hundred calls.
    const created: string[] = [];
    for (let i = 0; i < docs.length;) {
      let end = i;
      let bytes = 0;
      while (end < docs.length && end - i < DOC_BATCH && (end === i || bytes + docs[end]!.value.length <= DOC_BATCH_BYTES)) bytes += docs[end++]!.value.length;
      const slice = docs.slice(i, end);
      i = end;
      let flags: number[];
      try {
        flags = await this.redis.createDocs(
          2 + slice.length,
          this.keys.docIndex,
          this.keys.docChanges,
          ...slice.map((d) => this.keys.doc(d.key)),
          author.by,
          author.at,
          this.keys.docWritten,
          // Values as UTF-8 bytes: sent as they are, instead of joined into one command string that is encoded again (a fifth less CPU for a province's 65,000).
          ...slice.flatMap((d) => [d.key, Buffer.from(d.value)]),
        );
      } catch (err) {
        throw wrap(err);
      }
      slice.forEach((d, n) => {
        if (flags[n] === 1) created.push(d.key);
      });
    }
    return created;
  }

  async docChanges(query: { prefix?: string; since?: number; until?: number; limit?: number }): Promise<DocChange[]> {
    const out: DocChange[] = [];
    const limit = query.limit ?? 1000;
    let from = '-';
    try {
      for (;;) {
        const page = await this.redis.xrange(this.keys.docChanges, from, '+', 'COUNT', PAGE);
        for (const [, fields] of page) {
          const f: Record<string, string> = {};
          for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
          const change: DocChange = { key: f.key!, version: Number(f.version), by: f.by!, at: Number(f.at), before: f.before ?? null, after: f.after! };
          if (query.prefix && !change.key.startsWith(query.prefix)) continue;
          if (query.since !== undefined && change.at < query.since) continue;
          if (query.until !== undefined && change.at > query.until) continue;
          out.push(change);
          if (out.length >= limit) return out;
        }
        if (page.length < PAGE) return out;
        from = `(${page[page.length - 1]![0]}`;
      }
    } catch (err) {
      throw wrap(err);
    }
  }

  subscribeDocs(listener: (notice: DocNotice) => void): () => void {
    this.docListeners.add(listener);
    return () => this.docListeners.delete(listener);
  }

  /** Redis's memory in use and its `maxmemory` (0: no limit), for the metrics. */
  async memory(): Promise<{ usedBytes: number; maxBytes: number }> {
    const info = await this.redis.info('memory');
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return { usedBytes: field('used_memory'), maxBytes: field('maxmemory') };
  }

  async ping(): Promise<void> {
    try {
      await this.redis.ping();
    } catch (err) {
      throw wrap(err);
    }
  }

  async close(): Promise<void> {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.listeners.clear();
    this.docListeners.clear();
    await Promise.all([closeClient(this.sub), this.writer !== this.redis ? closeClient(this.writer) : undefined, closeClient(this.redis)]);
  }
}
