/**
 * A real PostgreSQL per test file: Debian's `initdb` makes a cluster in a temp directory and
 * `postgres` serves it on a free port (local connections trusted), stopped and removed after.
 * initdb and postgres refuse to run as root, so under root they run as the `postgres` system user
 * (the temp directory is handed to it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './redis';

/** The directory of `initdb` and `postgres`: Debian's versioned one, else PATH. */
function binDir(): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (initdb) return initdb.slice(0, initdb.lastIndexOf('/'));
  } catch {
    // not on PATH either
  }
  throw new Error('PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): apt-get install postgresql');
}

function postgresUser(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export class PostgresProcess {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
    private readonly asPostgres: boolean,
  ) {}

  /** A URL of a fresh database on this server (each test file may use several). */
  get url(): string {
    return `postgres://qms@127.0.0.1:${this.port}/qms`;
  }

  private command(program: string, args: string[]): [string, string[]] {
    const path = join(this.bin, program);
    return this.asPostgres ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  }

  static async start(): Promise<PostgresProcess> {
    const bin = binDir();
    const asPostgres = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'qms-pg-'));
    if (asPostgres) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
    }
    const p = new PostgresProcess(await freePort(), dir, bin, asPostgres);
    const [cmd, args] = p.command('initdb', ['-D', join(dir, 'data'), '-U', 'qms', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    execFileSync(cmd, args, { stdio: 'pipe' });
    await p.launch();
    const admin = new pg.Client({ connectionString: `postgres://qms@127.0.0.1:${p.port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE qms');
    await admin.end();
    return p;
  }

  private async launch(): Promise<void> {
    const [cmd, args] = this.command('postgres', [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${this.dir}`,
      '-c',
      'fsync=off',
      '-c',
      'shared_buffers=32MB',
      '-c',
      'max_connections=40',
    ]);
    const output: string[] = [];
    this.child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => output.push(String(d)));
    this.child.stderr!.on('data', (d) => output.push(String(d)));
    const child = this.child;
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`postgres exited at start:\n${output.join('')}`);
      const client = new pg.Client({ connectionString: `postgres://qms@127.0.0.1:${this.port}/postgres`, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`postgres did not answer on port ${this.port}:\n${output.join('')}`);
  }

  /** Creates another empty database on this server; its URL. */
  async database(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: `postgres://qms@127.0.0.1:${this.port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return `postgres://qms@127.0.0.1:${this.port}/${name}`;
  }

  /** A client of the test database, for checking what the server stored. */
  async client(url = this.url): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      // SIGINT to the postmaster itself (runuser does not pass it on): PostgreSQL's fast shutdown.
      const pid = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        process.kill(pid, 'SIGINT');
      });
    }
    this.child = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
