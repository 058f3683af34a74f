/**
 * A real nginx (Debian's, /usr/sbin/nginx) running the project's site file `deploy/nginx/qms.conf`
 * in a temp directory: the upstream nodes, the listen port and the cache path are rewritten to the
 * test's own, everything else is the file as shipped. Each rewrite must find its target, so the
 * site file cannot drift away from what the test exercises.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './redis';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const SITE = resolve(__dirname, '../../deploy/nginx/qms.conf');

export class NginxProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Lines of the access log: `uri status upstream` (which node answered). */
  accessLog(): string[] {
    const path = join(this.dir, 'access.log');
    return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
  }

  /**
   * Starts nginx with the site file, its node ports 8081/8082 replaced by `nodePorts`.
   * `edit` changes the site text further (e.g. the usual `Host $host` of a hand-written config).
   */
  static async start(nodePorts: [number, number], edit: (site: string) => string = (s) => s): Promise<NginxProcess> {
    const n = new NginxProcess(await freePort(), mkdtempSync(join(tmpdir(), 'qms-nginx-')));
    const rewrite = (text: string, from: string, to: string): string => {
      if (!text.includes(from)) throw new Error(`deploy/nginx/qms.conf no longer contains "${from}"`);
      return text.split(from).join(to);
    };
    let site = readFileSync(SITE, 'utf8');
    site = rewrite(site, '127.0.0.1:8081', `127.0.0.1:${nodePorts[0]}`);
    site = rewrite(site, '127.0.0.1:8082', `127.0.0.1:${nodePorts[1]}`);
    site = rewrite(site, 'listen 8088;', `listen 127.0.0.1:${n.port};`);
    site = rewrite(site, '/var/cache/nginx/qms', join(n.dir, 'cache'));
    writeFileSync(join(n.dir, 'qms.conf'), edit(site));
    for (const d of ['logs', 'cache', 'temp']) mkdirSync(join(n.dir, d));
    // The outer nginx.conf, as Debian's includes conf.d/*.conf inside `http { }`.
    writeFileSync(
      join(n.dir, 'nginx.conf'),
      [
        // As root, workers would switch to `nobody` and lose the temp directory; keep them as root here.
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        'worker_processes 1;',
        `error_log ${join(n.dir, 'error.log')} warn;`,
        'events { worker_connections 256; }',
        'http {',
        '  include /etc/nginx/mime.types;',
        `  client_body_temp_path ${join(n.dir, 'temp/body')};`,
        `  proxy_temp_path ${join(n.dir, 'temp/proxy')};`,
        `  fastcgi_temp_path ${join(n.dir, 'temp/fastcgi')};`,
        `  uwsgi_temp_path ${join(n.dir, 'temp/uwsgi')};`,
        `  scgi_temp_path ${join(n.dir, 'temp/scgi')};`,
        "  log_format qms_test '$request_uri $status $upstream_addr';",
        `  access_log ${join(n.dir, 'access.log')} qms_test;`,
        `  include ${join(n.dir, 'qms.conf')};`,
        '}',
        '',
      ].join('\n'),
    );
    await n.launch();
    return n;
  }

  private async launch(): Promise<void> {
    const args = ['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-g', `daemon off; pid ${join(this.dir, 'nginx.pid')};`];
    this.child = spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => this.output.push(String(d)));
    this.child.stderr!.on('data', (d) => this.output.push(String(d)));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited at start:\n${this.output.join('')}`);
      try {
        await fetch(`${this.url}/healthz`);
        return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nginx did not listen on ${this.port}:\n${this.output.join('')}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM'); // fast shutdown: open WebSockets do not hold it up
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
