/**
 * Printed links come from configuration, never from a request header: a kiosk's issue and a
 * reprint sent with `Host: evil.example` (or a trusted proxy's `X-Forwarded-Host`) still print the
 * configured origin — QMS_PUBLIC_URL, a hall's own `publicUrl`, or for the demo the address the
 * server listens on; with a configuration file and no public URL the server refuses to start,
 * naming the setting; and the manager's preview of a ticket shows no credential.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../server/config/settings';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { credentialOf } from '../support/credentials';
import { config, put } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const ROOT = resolve(__dirname, '../..');
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function server(env: Record<string, string> = {}): Promise<{ srv: TestServer; printer: VirtualPrinter }> {
  const printer = await VirtualPrinter.start();
  const srv = await startServer({ store: 'embedded', env: { QMS_DEMO_PRINTER: printer.address, ...env } });
  cleanups.push(
    () => printer.close(),
    () => srv.close(),
  );
  return { srv, printer };
}

/** A kiosk's request with forged host headers, straight to the server (fetch will not send a Host of its own). */
async function forged(srv: TestServer, method: 'POST', url: string, body: unknown) {
  const token = await srv.login('kiosk01');
  const res = await srv.app.inject({
    method,
    url,
    payload: body as object,
    remoteAddress: '127.0.0.1',
    headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: res.json() };
}

describe('printed links', () => {
  it('the demo prints where the server listens, whatever Host or X-Forwarded-Host say (issue and reprint)', async () => {
    const { srv, printer } = await server();
    const issued = await forged(srv, 'POST', `${H}/tickets`, { areaId: 'utility' });
    expect(issued.status).toBe(201);
    expect(issued.body.ticketUrl).toBe(`${srv.url}/ticket/yuxi/${credentialOf(issued.body)}`);
    const job = await printer.job(0);
    expect(job.decoded.qr).toEqual([issued.body.ticketUrl]);
    const reprint = await forged(srv, 'POST', `${H}/tickets/${issued.body.ticket.id}/print`, {});
    expect(reprint.status).toBe(200);
    const again = await printer.job(1);
    expect(again.decoded.qr).toEqual([issued.body.ticketUrl]);
    expect(JSON.stringify(printer.jobs.map((j) => j.decoded))).not.toContain('evil.example');
  });

  it('QMS_PUBLIC_URL wins over any header, and a hall’s own publicUrl over QMS_PUBLIC_URL', async () => {
    const { srv, printer } = await server({ QMS_PUBLIC_URL: 'https://qms.example.cn' });
    const issued = await forged(srv, 'POST', `${H}/tickets`, { areaId: 'utility' });
    expect(issued.body.ticketUrl).toBe(`https://qms.example.cn/ticket/yuxi/${credentialOf(issued.body)}`);
    expect((await printer.job(0)).decoded.qr).toEqual([issued.body.ticketUrl]);

    const { version, hall } = await config(srv);
    expect((await put(srv, { ...hall, publicUrl: 'https://yuxi.example.cn' }, version, 'admin')).status).toBe(200);
    const own = await forged(srv, 'POST', `${H}/tickets`, { areaId: 'utility' });
    expect(own.body.ticketUrl).toBe(`https://yuxi.example.cn/ticket/yuxi/${credentialOf(own.body)}`);
    const bad = await put(srv, { ...hall, publicUrl: 'javascript:alert(1)' }, version + 1, 'admin');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_config']);
  });

  it('the manager’s preview draws the ticket without its credential', async () => {
    const { srv } = await server();
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    const credential = credentialOf(issued);
    const res = await srv.request('GET', `${H}/tickets/${issued.ticket.id}/preview`, { as: 'manager' });
    expect(res.status).toBe(200);
    const html = res.body as string;
    expect(html).toContain(issued.ticket.number);
    expect(html).not.toContain(credential);
    expect(html).toContain(`${srv.url}/ticket/yuxi/PREVIEW000000000`);
  });
});

describe('a configuration file without a public URL', () => {
  it('is refused by the settings, naming QMS_PUBLIC_URL', () => {
    expect(() => loadSettings({ QMS_CONFIG: '/etc/qms/halls.json' })).toThrow(SettingsError);
    expect(() => loadSettings({ QMS_CONFIG: '/etc/qms/halls.json' })).toThrow(/QMS_PUBLIC_URL: required with QMS_CONFIG/);
    expect(loadSettings({ QMS_CONFIG: '/etc/qms/halls.json', QMS_PUBLIC_URL: 'https://qms.example.cn' }).publicUrl).toBe('https://qms.example.cn');
  });

  it('stops the server at start (exit 2) with the setting named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-public-url-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'halls.json');
    writeFileSync(path, JSON.stringify({ halls: [] }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, QMS_CONFIG: path, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(2);
    expect(out).toContain('QMS_PUBLIC_URL: required with QMS_CONFIG');
  }, 180_000);
});
