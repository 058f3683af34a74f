/**
 * A server as its own OS process: `node --import tsx <script>` (the hall server `server/main.ts` or
 * the bench's floor server, from source), or with `production` the built server exactly as
 * `npm run serve` (and `npm start`) runs it. Its pid is known, so its memory can be read from /proc
 * and it can be killed at once (SIGKILL) as a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tests/support/redis';
import { productionServerArgs } from './production-server';
import { collectAndMeasure, inspectorUrl, type Memory } from './inspector';

export interface ServerProcessOptions {
  /** Script run with tsx, relative to the repository root (ignored with `production`). */
  script: string;
  /** Run the built server (dist/server, `npm run build` first) with `npm run serve`'s node flags instead. */
  production?: boolean;
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Path answering 200 once the server is ready. */
  readyPath?: string;
  /** How long it may take to answer there (default a minute; a 1,300-hall node on a loaded machine takes longer). */
  readyTimeoutMs?: number;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];
  /** The first lines the process printed (where the inspector says its URL). */
  private readonly inspectorOutput: string[] = [];

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly opts: ServerProcessOptions,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('server process not running');
    return this.child.pid;
  }

  static async start(opts: ServerProcessOptions): Promise<ServerProcess> {
    const p = new ServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'qms-bench-node-')), opts);
    await p.launch();
    return p;
  }

  private async launch(): Promise<void> {
    const server = this.opts.production ? productionServerArgs() : ['--import', 'tsx', this.opts.script];
    this.child = spawn(process.execPath, [...(this.opts.nodeArgs ?? []), ...server], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, ...this.opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => this.keep(String(d)));
    this.child.stderr!.on('data', (d) => this.keep(String(d)));
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.opts.script} exited at start:\n${this.output.join('')}`);
      try {
        if ((await fetch(`${this.url}${this.opts.readyPath ?? '/healthz'}`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    this.child.kill('SIGKILL'); // never left running behind a failed start
    throw new Error(`${this.opts.script} on port ${this.port} did not come up:\n${this.output.join('')}`);
  }

  private keep(text: string): void {
    if (this.inspectorOutput.length < 5) this.inspectorOutput.push(text);
    // Only the tail matters (warnings, a crash); a long run must not grow this without bound.
    this.output.push(text);
    if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
  }

  private get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size in bytes, from /proc (Linux). */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!kb) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(kb[1]) * 1024;
  }

  /** CPU time used so far (user + system), in ms, from /proc (Linux). */
  cpuMs(): number {
    // utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 a second here).
    const f = this.stat();
    return (Number(f[11]) + Number(f[12])) * 10;
  }

  /**
   * The server's own thread (the event loop; its thread id is the process id), from
   * /proc/<pid>/task/<pid>/schedstat: CPU time it ran and time it waited, runnable, for a CPU, in ms.
   */
  loopThreadMs(): { runMs: number; waitMs: number } {
    const [run, wait] = readFileSync(`/proc/${this.pid}/task/${this.pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { runMs: run! / 1e6, waitMs: wait! / 1e6 };
  }

  /** CPU time of the child processes it has finished waiting for (espeak-ng making call audio), ms. */
  childCpuMs(): number {
    // cutime and cstime: fields 16 and 17.
    const f = this.stat();
    return (Number(f[13]) + Number(f[14])) * 10;
  }

  private stat(): string[] {
    return readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  }

  /**
   * Memory after a full garbage collection, through the inspector: the process must have been
   * started with `--inspect=127.0.0.1:0` in `nodeArgs`.
   */
  async memoryAfterGc(): Promise<Memory> {
    const url = inspectorUrl(this.inspectorOutput);
    if (!url) throw new Error(`${this.opts.script} was not started with --inspect`);
    return collectAndMeasure(url);
  }

  /** Kills the process at once, as a crash or a pulled plug would. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Stops it cleanly (a CPU profile, if asked for, is written) and removes its data directory. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  }
}
