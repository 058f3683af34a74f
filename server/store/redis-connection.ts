/**
 * Every Redis connection the server opens is made here, for the topology the settings name: one
 * server (`REDIS_URL`), a primary found through Sentinel (`QMS_REDIS_SENTINELS`), or a Cluster
 * (`QMS_REDIS_CLUSTER`). Callers get an ioredis client and never learn which; they only keep
 * multi-key commands within one hash tag (see redis-keys.ts), which all three accept.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export interface HostPort {
  host: string;
  port: number;
}

/**
 * `password` is the data nodes' `requirepass` (QMS_REDIS_PASSWORD; a `redis://:pw@…` URL may carry
 * its own), `sentinelPassword` the sentinels' own (QMS_REDIS_SENTINEL_PASSWORD). Both are used here
 * only, and never printed (`describeTopology` leaves them out).
 */
export type RedisTopology =
  | { kind: 'single'; url: string; password?: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; password?: string; sentinelPassword?: string }
  | { kind: 'cluster'; nodes: HostPort[]; password?: string };

export type RedisClient = Redis | Cluster;

/**
 * What a connection is for:
 * - `command`: the store's commands; they fail at once while Redis is away (no offline queue), so
 *   a kiosk hears "unavailable" now instead of getting a ticket later;
 * - `subscriber`: pub/sub; subscriptions are re-made after every reconnect or failover;
 * - `adapter`: the Socket.IO adapter's, which retries by itself.
 */
export type ConnectionRole = 'command' | 'subscriber' | 'adapter';

export interface ConnectionOptions {
  role: ConnectionRole;
  /** A command that takes longer fails (ms); command connections only. */
  commandTimeoutMs?: number;
  /** Connect only on `connect()` (the store awaits it to report a missing Redis at start). */
  lazyConnect?: boolean;
}

/** `host:port` lists as the settings hold them, for logs and messages. */
export function describeTopology(topology: RedisTopology): string {
  const list = (nodes: HostPort[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  switch (topology.kind) {
    case 'single':
      // The URL may carry a password: show where, not how.
      try {
        const u = new URL(topology.url);
        return `redis ${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
      } catch {
        return 'redis (unparsable URL)';
      }
    case 'sentinel':
      return `redis sentinel ${topology.name} via ${list(topology.sentinels)}`;
    case 'cluster':
      return `redis cluster seeded by ${list(topology.nodes)}`;
  }
}

function perConnection(opts: ConnectionOptions): RedisOptions {
  const base: RedisOptions = {
    lazyConnect: opts.lazyConnect ?? false,
    // Back within a second of Redis (or the new primary) answering again.
    retryStrategy: (times) => Math.min(50 * times, 1000),
  };
  if (opts.role !== 'command') return { ...base, maxRetriesPerRequest: null };
  return {
    ...base,
    maxRetriesPerRequest: 0,
    // The append script is conditional on the version, so a re-sent one could only conflict; the
    // caller retries with the same command id instead.
    autoResendUnfulfilledCommands: false,
    commandTimeout: opts.commandTimeoutMs ?? 2000,
    // Commands issued in the same tick go out in one write: a busy node sends many small ones.
    enableAutoPipelining: true,
  };
}

/**
 * The adapter publishes heartbeats without waiting for the answer, so a publish refused while
 * Redis is away would surface as an unhandled rejection: it is dropped here (the next heartbeat
 * follows in seconds; events themselves go through XADD, which is awaited).
 */
function quietPublish(client: RedisClient): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  (client as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => publish(...args).catch(() => 0);
}

/**
 * A Sentinel client can end for good in the middle of a failover: the failure detector of its
 * previous connection hears +switch-master while the client is asking the sentinels for the new
 * primary, closes the connector under it, and ioredis (6.0) then ends the client ("Connection is
 * closed." for every command from then on) instead of retrying. Seen in the two-node failover
 * test: one node's store answered 503 for good, or the Socket.IO adapter's read loop, which retries
 * at once, spun on the closed client and starved the event loop. So a client that ends without
 * being closed here connects again after a pause; its copies (`duplicate()`, which the adapter
 * makes) do the same.
 */
function reconnectAfterStrayEnd(client: Redis): void {
  let closed = false;
  const disconnect = client.disconnect.bind(client);
  const quit = client.quit.bind(client);
  const duplicate = client.duplicate.bind(client);
  client.disconnect = (reconnect = false) => {
    if (!reconnect) closed = true;
    disconnect(reconnect);
  };
  client.quit = (...args: Parameters<Redis['quit']>) => {
    closed = true;
    return quit(...args);
  };
  client.duplicate = (override) => {
    const copy = duplicate(override);
    reconnectAfterStrayEnd(copy);
    return copy;
  };
  client.on('end', () => {
    if (closed) return;
    setTimeout(() => {
      if (!closed && client.status === 'end') client.connect().catch(() => {});
    }, 250).unref();
  });
}

/**
 * The Socket.IO adapter reads its stream in a loop that tries again at once when a read fails; on
 * a client that refuses at once (ended, see above) that loop never yields and starves the event
 * loop. A failed read here fails only after a pause, on this client and on its copies.
 */
function pacedReads(client: RedisClient): void {
  const loose = client as unknown as { xread: (...args: unknown[]) => Promise<unknown>; duplicate: (...args: unknown[]) => RedisClient };
  const xread = loose.xread.bind(client);
  const duplicate = loose.duplicate.bind(client);
  loose.xread = (...args) =>
    xread(...args).catch(async (err: unknown) => {
      await new Promise((r) => setTimeout(r, 200));
      throw err;
    });
  loose.duplicate = (...args) => {
    const copy = duplicate(...args);
    pacedReads(copy);
    return copy;
  };
}

export function createRedisClient(topology: RedisTopology, opts: ConnectionOptions): RedisClient {
  const options = perConnection(opts);
  const offlineQueue = opts.role !== 'command';
  const password = topology.password !== undefined ? { password: topology.password } : {};
  let client: RedisClient;
  switch (topology.kind) {
    case 'single':
      client = new Redis(topology.url, { ...options, ...password, enableOfflineQueue: offlineQueue });
      break;
    case 'sentinel':
      client = new Redis({
        ...options,
        enableOfflineQueue: offlineQueue,
        ...password,
        sentinels: topology.sentinels,
        name: topology.name,
        ...(topology.sentinelPassword !== undefined ? { sentinelPassword: topology.sentinelPassword } : {}),
        // Listen for +switch-master and move to the new primary at once, not at the next error.
        failoverDetector: true,
        sentinelRetryStrategy: (times) => Math.min(100 * times, 1000),
        // Connections made during a failover may land on the demoted primary: re-resolve then.
        reconnectOnError: (err) => err.message.startsWith('READONLY'),
      });
      reconnectAfterStrayEnd(client);
      break;
    case 'cluster': {
      const { lazyConnect, retryStrategy: _perNode, enableAutoPipelining, ...redisOptions } = options;
      const clusterOptions: ClusterOptions = {
        lazyConnect,
        enableOfflineQueue: offlineQueue,
        enableAutoPipelining,
        clusterRetryStrategy: (times) => Math.min(100 * times, 1000),
        // A failed-over shard's slots move: refresh the map rather than wait.
        retryDelayOnFailover: 200,
        redisOptions: { ...redisOptions, ...password },
      };
      client = new Cluster(topology.nodes, clusterOptions);
      break;
    }
  }
  if (opts.role === 'adapter') {
    quietPublish(client);
    pacedReads(client);
  }
  // Errors surface through commands; an 'error' listener keeps ioredis from logging each retry.
  client.on('error', () => {});
  return client;
}

/** How long start-up waits for Redis (a Sentinel client would otherwise retry for ever). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects a client made with `lazyConnect`, or rejects with words an installer can act on: a
 * refused password names the setting to fix (the sentinels' or the data nodes'), instead of
 * ioredis' "Connection is closed" or a Sentinel client retrying for ever. Redis' refusals
 * (WRONGPASS, NOAUTH) never contain the password.
 */
export async function connectClient(client: RedisClient, topology: RedisTopology, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  let last = '';
  const onError = (err: Error) => (last = err.message);
  client.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (err) {
    client.disconnect();
    const cause = last || (err instanceof Error ? err.message : String(err));
    const refused = /WRONGPASS|NOAUTH|invalid password|AUTH failed/i.test(cause);
    const atSentinels = /sentinel/i.test(cause);
    const hint = !refused
      ? 'cannot connect'
      : atSentinels
        ? "the sentinels refused the password: check QMS_REDIS_SENTINEL_PASSWORD (the sentinels' own requirepass)"
        : "Redis refused the password: check QMS_REDIS_PASSWORD (the data nodes' requirepass)";
    throw new Error(`${describeTopology(topology)}: ${hint} (${cause})`, { cause: err });
  } finally {
    clearTimeout(timer);
    client.off('error', onError);
  }
}

/**
 * Closes a client without abandoning its queued commands: QUIT is answered only after every
 * command sent before it, so a broadcast or a probe still in flight gets its reply instead of an
 * unhandled "Connection is closed". A client that is not connected (Redis away) or that takes
 * longer than `graceMs` is cut at once, as shutdown must not hang on a dead server.
 */
export async function closeClient(client: RedisClient, graceMs = 1000): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.quit().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  client.disconnect();
}
