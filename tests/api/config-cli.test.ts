/**
 * The configuration commands on the embedded store: export writes every hall; an edited file
 * imported as a dry run shows the difference and changes nothing; `--apply` changes it; a running
 * server's lock is named plainly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';

function run(script: string, args: string[], dataDir: string) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };
  delete env.REDIS_URL;
  delete env.QMS_CONFIG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('config:export and config:import', () => {
  let srv: TestServer | undefined;
  afterAll(async () => {
    await srv?.close();
  });

  it('export, edit, dry run (a diff, nothing changed), then --apply', async () => {
    // A server seeds the store with the demo halls, and gives its lock back when it stops.
    srv = await startServer({ store: 'embedded' });
    const { dataDir } = srv;
    const locked = run('config-export', [], dataDir);
    expect(locked.status).toBe(3);
    expect(locked.out).toMatch(/belongs to a running server: stop it first/);
    await srv.close({ keepData: true });
    srv = undefined;

    const dir = mkdtempSync(join(tmpdir(), 'qms-config-'));
    const file = join(dir, 'halls.json');
    const exported = run('config-export', [file], dataDir);
    expect(exported.status, exported.out).toBe(0);
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.halls.map((h: { id: string }) => h.id).sort()).toEqual(['tonghai', 'yuxi']);

    const yuxi = config.halls.find((h: { id: string }) => h.id === 'yuxi');
    yuxi.windows = yuxi.windows
      .filter((w: { id: string }) => w.id !== '21')
      .map((w: { id: string; name: string }) => (w.id === '16' ? { ...w, name: '社保综合窗口' } : w));
    yuxi.calendar.holidays.push('2031-01-02');
    yuxi.policy.recallLimit = 2;
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(config));

    const dry = run('config-import', [edited], dataDir);
    expect(dry.status, dry.out).toBe(0);
    expect(dry.out).toContain('- window 21');
    expect(dry.out).toMatch(/~ window 16 \(16 社保综合窗口\): name ".+" → "社保综合窗口"/);
    expect(dry.out).toContain('+ holiday 2031-01-02');
    expect(dry.out).toContain('~ policy: ');
    expect(dry.out).toMatch(/hall tonghai \(version 1\)\n {2}\(no change\)/);
    expect(dry.out).toContain('dry run: nothing was changed');
    const after = join(dir, 'after-dry.json');
    run('config-export', [after], dataDir);
    expect(readFileSync(after, 'utf8')).toBe(readFileSync(file, 'utf8'));

    const applied = run('config-import', [edited, '--apply'], dataDir);
    expect(applied.status, applied.out).toBe(0);
    expect(applied.out).toContain('applied: version 2');
    const now = join(dir, 'after-apply.json');
    run('config-export', [now], dataDir);
    const written = JSON.parse(readFileSync(now, 'utf8')).halls.find((h: { id: string }) => h.id === 'yuxi');
    expect(written.windows.find((w: { id: string }) => w.id === '16').name).toBe('社保综合窗口');
    expect(written.windows.some((w: { id: string }) => w.id === '21')).toBe(false);

    // The server started again serves the imported configuration.
    srv = await startServer({ store: 'embedded', dataDir });
    const board = await srv.get('/api/v1/halls/yuxi/board', 'display01');
    expect(board.windows.find((w: { id: string }) => w.id === '16').name).toBe('社保综合窗口');
    const { changes } = await srv.get('/api/v1/admin/changes?hallId=yuxi', 'admin');
    expect(changes.at(-1)).toMatchObject({ version: 2, by: 'cli' });
  }, 120_000);
});
