/**
 * `npm run backup` copies the embedded store of a real server while it issues and serves tickets
 * without pause; `npm run restore` refuses while a server owns the directory, and brings the copy
 * back into a fresh one; a server started on it folds the restored day and numbers on after the
 * last backed-up ticket. The copy holds only whole lines ending on whole commands.
 *
 * Every file of the copy is sealed with QMS_BACKUP_KEY: the token secret (and every other secret
 * of the data directory) appears nowhere in it in clear; without a key the backup is refused, and
 * a restore with the wrong key is refused before anything is written.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeProcess } from '../support/node-process';
import { openBytes } from '../../server/crypto/crypto-suite';

const H = '/api/v1/halls/yuxi';

const BACKUP_KEY = 'c3'.repeat(32);
const WRONG_KEY = 'd4'.repeat(32);

function run(script: 'backup' | 'restore', args: string[], dataDir: string, key: string | null = BACKUP_KEY): Promise<{ status: number; out: string }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };
  delete env.QMS_BACKUP_KEY;
  if (key !== null) env.QMS_BACKUP_KEY = key;
  delete env.REDIS_URL;
  delete env.QMS_CONFIG;
  // Asynchronous: the load keeps running in this process while the backup does.
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', script, '--', ...args], { env, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const rel = under ? `${under}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, rel) : [rel];
  });
}

async function token(node: NodeProcess, username: string): Promise<string> {
  const res = await node.request('POST', '/api/v1/auth/login', { body: { username, password: 'demo' } });
  expect(res.status).toBe(200);
  return res.body.token;
}

interface Issued {
  id: string;
  number: string;
  areaId: string;
  /** When its answer came back (ms). */
  at: number;
}

const numberOf = (n: string) => Number(n.replace(/^\D+/, ''));

describe('backup and restore of the embedded store', () => {
  const dirs: string[] = [];
  const nodes: NodeProcess[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('copies a busy store consistently and numbering continues after a restore', async () => {
    const work = mkdtempSync(join(tmpdir(), 'qms-backup-'));
    dirs.push(work);
    const env = { QMS_KIOSK_TICKETS_PER_MINUTE: '100000' };
    const a = await NodeProcess.start(env);
    nodes.push(a);
    const kiosk = await token(a, 'kiosk01');
    const clerk = await token(a, 'clerk09');
    expect((await a.request('POST', `${H}/windows/9/sign-in`, { token: clerk, body: {} })).status).toBe(200);

    // Load: two kiosks' worth of issuing in two areas, and a window calling and serving, until told to stop.
    const issued: Issued[] = [];
    let stop = false;
    const issue = async (areaId: string) => {
      while (!stop) {
        const res = await a.request('POST', `${H}/tickets`, { token: kiosk, body: { areaId } });
        expect(res.status).toBe(201);
        issued.push({ id: res.body.ticket.id, number: res.body.ticket.number, areaId, at: Date.now() });
      }
    };
    const serve = async () => {
      while (!stop) {
        const call = await a.request('POST', `${H}/windows/9/call-next`, { token: clerk, body: {} });
        if (call.status !== 200) continue; // nobody waiting for this window yet
        await a.request('POST', `${H}/windows/9/start`, { token: clerk, body: {} });
        await a.request('POST', `${H}/windows/9/complete`, { token: clerk, body: {} });
      }
    };
    const load = Promise.all([issue('tax'), issue('tax'), issue('police'), serve()]);
    while (issued.length < 40) await new Promise((r) => setTimeout(r, 20));

    const backupDir = join(work, 'backup');
    const unkeyed = await run('backup', [join(work, 'no-key')], a.dataDir, null);
    expect(unkeyed.status, unkeyed.out).toBe(2);
    expect(unkeyed.out).toContain('QMS_BACKUP_KEY is not set');
    expect(existsSync(join(work, 'no-key'))).toBe(false);
    const startedAt = Date.now();
    const backup = await run('backup', [backupDir], a.dataDir);
    const endedAt = Date.now();
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toMatch(/backed up .* journals/);
    // The server kept answering while the copy was taken.
    expect(issued.filter((t) => t.at > startedAt && t.at < endedAt).length).toBeGreaterThan(0);

    // Restoring over a running server's directory is refused, plainly, and changes nothing.
    const refused = await run('restore', [backupDir], a.dataDir);
    expect(refused.status).toBe(3);
    expect(refused.out).toMatch(/in use by process \d+: the server is running on DATA_DIR=.*Stop it first/);
    expect((await fetch(`${a.url}/healthz`)).ok).toBe(true);

    stop = true;
    await load;
    const lastAcknowledgedBefore = issued.filter((t) => t.at < startedAt);

    // The copy: no lock, nothing written aside, every journal whole lines with consecutive versions,
    // ending on a whole command (every command of the load is one event, or call/start/complete each one).
    const copied = files(backupDir);
    expect(copied).toContain('backup.json');
    expect(copied.some((f) => f.endsWith('store.lock') || f.endsWith('.tmp'))).toBe(false);
    const journals = copied.filter((f) => f.endsWith('.jsonl'));
    expect(journals.length).toBeGreaterThan(0);
    const inBackup = new Map<string, number>(); // ticket id → seq
    const lastSeq = new Map<string, number>(); // area → highest number
    // Sealed: the token secret is nowhere in the copy in clear (nor the journals' text).
    const tokenSecret = readFileSync(join(a.dataDir, 'token-secret'), 'utf8').trim();
    expect(copied).toContain('token-secret');
    for (const rel of copied.filter((f) => f !== 'backup.json')) {
      const raw = readFileSync(join(backupDir, rel));
      expect(raw.includes(tokenSecret), rel).toBe(false);
      expect(raw.includes('"type":'), rel).toBe(false);
    }
    expect(
      openBytes(Buffer.from(BACKUP_KEY, 'hex'), readFileSync(join(backupDir, 'token-secret')))
        .toString('utf8')
        .trim(),
    ).toBe(tokenSecret);
    for (const rel of journals) {
      const text = openBytes(Buffer.from(BACKUP_KEY, 'hex'), readFileSync(join(backupDir, rel))).toString('utf8');
      expect(text === '' || text.endsWith('\n'), rel).toBe(true);
      const lines = text
        .split('\n')
        .slice(0, -1)
        .map((l) => JSON.parse(l));
      if (!rel.startsWith('events/')) continue;
      lines.forEach((e, i) => expect(e.version, rel).toBe(i + 1));
      for (const e of lines) {
        if (e.type !== 'ticket.issued') continue;
        inBackup.set(e.ticket.id, numberOf(e.ticket.number));
        lastSeq.set(e.ticket.areaId, Math.max(lastSeq.get(e.ticket.areaId) ?? 0, numberOf(e.ticket.number)));
      }
    }
    // Everything acknowledged before the backup began is in it.
    for (const t of lastAcknowledgedBefore) expect(inBackup.has(t.id), t.number).toBe(true);
    expect(lastSeq.get('tax')).toBeGreaterThan(0);
    expect(lastSeq.get('police')).toBeGreaterThan(0);
    await a.stop();

    // The wrong key: refused, naming the setting, and nothing written.
    const wrongDir = join(work, 'wrong-key');
    const wrong = await run('restore', [backupDir], wrongDir, WRONG_KEY);
    expect(wrong.status, wrong.out).toBe(3);
    expect(wrong.out).toContain('QMS_BACKUP_KEY does not open');
    expect(existsSync(wrongDir) ? readdirSync(wrongDir) : []).toEqual([]);

    // Into a fresh data directory, then a server on it.
    const restoredDir = join(work, 'restored');
    const restored = await run('restore', [backupDir], restoredDir);
    expect(restored.status, restored.out).toBe(0);
    expect(existsSync(join(restoredDir, 'store.lock'))).toBe(false);
    const b = await NodeProcess.start({ ...env, DATA_DIR: restoredDir });
    nodes.push(b);
    const kioskB = await token(b, 'kiosk01');
    // The restored day folds: the board answers, and every backed-up ticket is known.
    expect((await b.request('GET', `${H}/board`, { token: kioskB })).status).toBe(200);
    for (const id of [...inBackup.keys()].slice(-20)) expect((await b.request('GET', `${H}/tickets/${id}`, { token: kioskB })).status).toBe(200);
    for (const areaId of ['tax', 'police']) {
      const next = await b.request('POST', `${H}/tickets`, { token: kioskB, body: { areaId } });
      expect(next.status).toBe(201);
      expect(numberOf(next.body.ticket.number)).toBe(lastSeq.get(areaId)! + 1);
    }
  }, 180_000);
});
