/**
 * A real `redis-server` per test file, on a free port in a temp directory, with AOF so a test can
 * kill it and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a Redis server (or sentinel) answers PING on the port. */
export function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
  });
}

export class RedisProcess {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisProcess> {
    const r = new RedisProcess(await freePort(), mkdtempSync(join(tmpdir(), 'qms-redis-')));
    await r.launch();
    return r;
  }

  private async launch(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
      { stdio: 'ignore' },
    );
    const child = this.child;
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 200; i++) {
      if (exited) throw new Error(`redis-server exited at start (port ${this.port})`);
      if (await answersPing(this.port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** Kills the server at once, as a crash would (AOF keeps what was acknowledged). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }

  /** Starts it again on the same port and data directory. */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Copies the data directory as it is now (stopping Redis for a consistent copy, then starting it). */
  async snapshot(): Promise<string> {
    await this.kill();
    const copy = mkdtempSync(join(tmpdir(), 'qms-redis-snap-'));
    cpSync(this.dir, copy, { recursive: true });
    await this.launch();
    return copy;
  }

  /** Brings Redis back from an earlier snapshot: an older AOF, as after a bad failover or restore. */
  async restore(snapshot: string): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
    cpSync(snapshot, this.dir, { recursive: true });
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
