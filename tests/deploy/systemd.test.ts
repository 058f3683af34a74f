/**
 * The systemd unit `deploy/systemd/qms@.service` as shipped: `systemd-analyze verify` finds nothing
 * to say about it (and does about a broken copy, so the check can fail); it restarts on failure,
 * reads /etc/qms/<node>.env and carries the hardening the guide promises; its ExecStart runs the
 * built server as `npm run serve` does (same node flags); and that ExecStart, after `npm run build`'s
 * server step and run the way systemd would (the example env file, a clean environment, the working
 * directory), starts a node that answers /healthz, writes JSON lines for the journal, and stops
 * cleanly on SIGTERM.
 * (This machine has no systemd as PID 1, so the unit itself cannot be started here.)
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/redis';

const ROOT = resolve(__dirname, '../..');
const UNIT = join(ROOT, 'deploy/systemd/qms@.service');
const ENV_EXAMPLE = join(ROOT, 'deploy/systemd/qms.env.example');
const run = promisify(execFile);

/** `[Service]` keys of a unit file, each with every value it was given (systemd allows repeats). */
function section(text: string, name: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!;
      continue;
    }
    if (current !== name) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    out.set(key, [...(out.get(key) ?? []), line.slice(eq + 1)]);
  }
  return out;
}

/** An EnvironmentFile as systemd reads it: KEY=VALUE lines, comments and blanks skipped. */
function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    env[line.slice(0, eq)] = line.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** `systemd-analyze verify` of an instance of the template: its complaints (empty when clean). */
async function verify(unitText: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-unit-'));
  try {
    writeFileSync(join(dir, 'qms@.service'), unitText);
    const res = await run('systemd-analyze', ['verify', join(dir, 'qms@a.service')]).then(
      (r) => r.stdout + r.stderr,
      (err: { stdout: string; stderr: string }) => `failed: ${err.stdout}${err.stderr}`,
    );
    return res.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('deploy/systemd/qms@.service', () => {
  // What `npm run build` does for the server (the pages are not needed for /healthz).
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT });
  }, 120_000);
  const unit = readFileSync(UNIT, 'utf8');
  const service = section(unit, 'Service');
  const one = (key: string) => service.get(key)?.at(-1);

  it('passes systemd-analyze verify, which does flag a broken copy', async () => {
    expect(await verify(unit)).toBe('');
    const broken = unit.replace('Restart=on-failure', 'Restart=sometimes').replace('ProtectSystem=strict', 'ProtectSystm=strict');
    const complaints = await verify(broken);
    expect(complaints).toContain('sometimes');
    expect(complaints).toContain('ProtectSystm');
  });

  it('restarts on failure, reads the node env file and is hardened', () => {
    expect(one('Restart')).toBe('on-failure');
    expect(one('EnvironmentFile')).toBe('/etc/qms/%i.env');
    expect(one('User')).toBe('qms');
    for (const [key, value] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      RestrictNamespaces: 'yes',
    })) {
      expect(one(key), key).toBe(value);
    }
    expect(one('CapabilityBoundingSet')).toBe('');
    // The example's data directory is the one the unit makes writable.
    const dataDir = envFile(readFileSync(ENV_EXAMPLE, 'utf8')).DATA_DIR!;
    expect(service.get('ReadWritePaths')!.map((p) => p.replace('%i', 'a'))).toContain(dataDir);
    expect(one('StateDirectory')!.replace('%i', 'a')).toBe(dataDir.replace('/var/lib/', ''));
  });

  it('runs the built server exactly as npm run serve does', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(one('ExecStart')!.split(/\s+/)).toEqual(pkg.scripts.serve!.split(/\s+/));
    expect(pkg.scripts.serve).toMatch(/^node .*dist\/server\/main\.mjs$/);
    // npm start builds first, so the server it serves is never older than the code.
    expect(pkg.scripts.start).toBe('npm run build && npm run serve');
    expect(pkg.scripts.build).toContain('node scripts/build-server.mjs');
  });

  it('its ExecStart, with the example env in a clean environment, starts a node that answers /healthz and stops on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'qms-unit-data-'));
    const example = envFile(readFileSync(ENV_EXAMPLE, 'utf8'));
    expect(example).toMatchObject({ PORT: '8081', HOST: '127.0.0.1', QMS_TRUST_PROXY: 'loopback' });
    // Only where it listens and keeps data differ here; the hall file of a real install is not in the repo.
    const { QMS_CONFIG: _none, ...rest } = example;
    const unitEnv = Object.fromEntries((service.get('Environment') ?? []).map((kv) => kv.split('=') as [string, string]));
    const env = { PATH: process.env.PATH!, ...rest, ...unitEnv, PORT: String(port), DATA_DIR: dataDir, QMS_ALWAYS_OPEN: '1' };
    const [command, ...args] = one('ExecStart')!.split(/\s+/);
    // The copy of the project stands where WorkingDirectory=/opt/qms would be.
    expect(one('WorkingDirectory')).toBe('/opt/qms');
    const child = spawn(command!, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    try {
      let status = 0;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, out).toBe(200);
      const summary = out.split('\n').find((l) => l.includes('"event":"configuration"'));
      expect(JSON.parse(summary!)).toMatchObject({ store: 'embedded', dataDir, trustProxy: 'loopback' });
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      // TimeoutStopSec: systemd would kill it after this long.
      const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), Number(one('TimeoutStopSec')) * 1000))]);
      rmSync(dataDir, { recursive: true, force: true });
      expect(code).toBe(0);
    }
  }, 90_000);
});
