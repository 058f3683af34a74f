/**
 * Real Redis high-availability set-ups on free ports in temp directories, for the HA tests:
 * a Sentinel group (a primary, one or more replicas, three sentinels: `redis-server --sentinel`,
 * which needs no package besides redis-server; optionally with passwords on the data nodes and on
 * the sentinels) and a three-primary Cluster (`redis-cli --cluster create`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { answersPing, freePort } from './redis';

const run = promisify(execFile);

/** One redis-server process (data node or sentinel) on its own port. */
export class RedisNode {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  constructor(
    readonly port: number,
    private readonly args: string[],
    /** Its `requirepass`, if any: `cli` and the start-up probe sign in with it. */
    private readonly password?: string,
  ) {}

  private async answers(): Promise<boolean> {
    if (!this.password) return answersPing(this.port);
    try {
      return (await this.cli('PING')) === 'PONG';
    } catch {
      return false;
    }
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.on('data', (d) => this.output.push(String(d)));
    child.stderr.on('data', (d) => this.output.push(String(d)));
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 400; i++) {
      if (exited) throw new Error(`redis-server exited at start (port ${this.port}):\n${this.output.join('')}`);
      if (await this.answers()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** `redis-cli -p <port> …`, its output trimmed. */
  async cli(...args: string[]): Promise<string> {
    const auth = this.password ? ['-a', this.password, '--no-auth-warning'] : [];
    const { stdout } = await run('redis-cli', ['-p', String(this.port), ...auth, ...args]);
    return stdout.trim();
  }

  /** Freezes it (SIGSTOP): alive to the kernel, silent to everyone, as a hung or swapped-out server. */
  pause(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGSTOP');
  }

  /** Lets a paused one run on (SIGCONT). */
  resume(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGCONT');
  }

  /** Kills it at once, as a crash or a pulled plug would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL'); // a paused (SIGSTOP) one too
    });
  }
}

export interface SentinelGroupOptions {
  /** Replicas of the primary (default 1); with 2, one is still a replica after a failover. */
  replicas?: number;
  /** `requirepass` (and `masterauth`) of the data nodes; the sentinels get it as `auth-pass`. */
  password?: string;
  /** The sentinels' own `requirepass`. */
  sentinelPassword?: string;
}

function dataArgs(port: number, dir: string): string[] {
  // As production should run it: every write in the AOF before it is answered.
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
}

export class SentinelGroup {
  static readonly MASTER_NAME = 'qms';

  private constructor(
    readonly dir: string,
    readonly primary: RedisNode,
    readonly replicas: RedisNode[],
    readonly sentinels: RedisNode[],
  ) {}

  /** The first replica. */
  get replica(): RedisNode {
    return this.replicas[0]!;
  }

  /** A data node (primary or replica) by port. */
  node(port: number): RedisNode | undefined {
    return [this.primary, ...this.replicas].find((n) => n.port === port);
  }

  /** `QMS_REDIS_SENTINELS` for these sentinels. */
  get sentinelList(): string {
    return this.sentinels.map((s) => `127.0.0.1:${s.port}`).join(',');
  }

  /**
   * Starts the primary and its replicas, waits for them to be in sync, then three sentinels
   * (quorum 2) that declare a primary down after 1 s, and waits until each knows the replicas and
   * the two other sentinels (else a failover could not be agreed).
   */
  static async start(opts: SentinelGroupOptions = {}): Promise<SentinelGroup> {
    const dir = mkdtempSync(join(tmpdir(), 'qms-sentinel-'));
    const replicaCount = opts.replicas ?? 1;
    // One at a time: ports asked for together could come back equal.
    const ports: number[] = [];
    for (let i = 0; i < 4 + replicaCount; i++) ports.push(await freePort());
    const [pp, ...rest] = ports;
    const rps = rest.slice(0, replicaCount);
    const sp = rest.slice(replicaCount);
    const auth = opts.password ? ['--requirepass', opts.password, '--masterauth', opts.password] : [];
    const primaryDir = join(dir, 'primary');
    mkdirSync(primaryDir);
    const primary = new RedisNode(pp!, [...dataArgs(pp!, primaryDir), ...auth], opts.password);
    const replicas = rps.map((rp, i) => {
      const replicaDir = join(dir, `replica-${i}`);
      mkdirSync(replicaDir);
      return new RedisNode(rp, [...dataArgs(rp, replicaDir), ...auth, '--replicaof', '127.0.0.1', String(pp)], opts.password);
    });
    await primary.start();
    for (const replica of replicas) {
      await replica.start();
      await until('replica in sync', 20_000, async () => /master_link_status:up/.test(await replica.cli('INFO', 'replication')));
    }

    const sentinels = sp.map((port, i) => {
      const conf = join(dir, `sentinel-${i}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${SentinelGroup.MASTER_NAME} 127.0.0.1 ${pp} 2`,
          `sentinel down-after-milliseconds ${SentinelGroup.MASTER_NAME} 1000`,
          `sentinel failover-timeout ${SentinelGroup.MASTER_NAME} 10000`,
          `sentinel parallel-syncs ${SentinelGroup.MASTER_NAME} 1`,
          ...(opts.password ? [`sentinel auth-pass ${SentinelGroup.MASTER_NAME} ${opts.password}`] : []),
          // Sentinels sign in to each other with their own requirepass.
          ...(opts.sentinelPassword ? [`requirepass ${opts.sentinelPassword}`] : []),
          '',
        ].join('\n'),
      );
      return new RedisNode(port, [conf, '--sentinel'], opts.sentinelPassword);
    });
    await Promise.all(sentinels.map((s) => s.start()));
    const group = new SentinelGroup(dir, primary, replicas, sentinels);
    for (const s of sentinels) {
      await until('sentinels know the replicas and each other', 30_000, async () => {
        const known = await s.cli('SENTINEL', 'REPLICAS', SentinelGroup.MASTER_NAME);
        const peers = await s.cli('SENTINEL', 'SENTINELS', SentinelGroup.MASTER_NAME);
        return rps.every((rp) => known.includes(String(rp))) && sp.filter((p) => p !== s.port).every((p) => peers.includes(String(p)));
      });
    }
    return group;
  }

  /** The primary's port as the first sentinel that answers sees it now. */
  async primaryPort(): Promise<number | null> {
    for (const s of this.sentinels) {
      try {
        const [, port] = (await s.cli('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SentinelGroup.MASTER_NAME)).split('\n');
        if (port) return Number(port);
      } catch {
        // that sentinel is away; ask the next
      }
    }
    return null;
  }

  /** Resolves once the sentinels name a primary other than `oldPort`, with the time they did. */
  async failedOver(oldPort: number, timeoutMs = 60_000): Promise<{ at: number; port: number }> {
    return until('failover', timeoutMs, async () => {
      const port = await this.primaryPort();
      return port !== null && port !== oldPort ? { at: Date.now(), port } : null;
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels, ...this.replicas, this.primary].map((n) => n.kill()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RedisCluster {
  private constructor(
    readonly dir: string,
    readonly primaries: RedisNode[],
  ) {}

  /** `QMS_REDIS_CLUSTER` for these nodes. */
  get nodeList(): string {
    return this.primaries.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  /** Three primaries, no replicas, the 16384 slots split evenly by `redis-cli --cluster create`. */
  static async start(): Promise<RedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'qms-cluster-'));
    const nodes: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const [port, busPort] = [await freePort(), await freePort()];
      const d = join(dir, `node-${i}`);
      mkdirSync(d);
      nodes.push(
        new RedisNode(port, [
          ...dataArgs(port, d),
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(d, 'nodes.conf'),
          // The bus port is given, not port + 10000, which may be taken or past 65535.
          '--cluster-port',
          String(busPort),
          '--cluster-node-timeout',
          '2000',
        ]),
      );
    }
    await Promise.all(nodes.map((n) => n.start()));
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const n of nodes) await until('cluster state ok', 30_000, async () => /cluster_state:ok/.test(await n.cli('CLUSTER', 'INFO')));
    return new RedisCluster(dir, nodes);
  }

  /** The slot of a key (CLUSTER KEYSLOT) and the primary serving it (CLUSTER SLOTS). */
  async owner(key: string): Promise<{ slot: number; node: RedisNode }> {
    const first = this.primaries[0]!;
    const slot = Number(await first.cli('CLUSTER', 'KEYSLOT', key));
    // `redis-cli CLUSTER SHARDS` output is nested; CLUSTER NODES is one line per node: id addr flags … slots.
    const lines = (await first.cli('CLUSTER', 'NODES')).split('\n');
    for (const line of lines) {
      const parts = line.split(' ');
      const port = Number(parts[1]!.split('@')[0]!.split(':')[1]);
      for (const range of parts.slice(8)) {
        const [lo, hi] = range.split('-').map(Number);
        if (slot >= lo! && slot <= (hi ?? lo)!) return { slot, node: this.primaries.find((n) => n.port === port)! };
      }
    }
    throw new Error(`no node serves slot ${slot}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.primaries.map((n) => n.kill()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
