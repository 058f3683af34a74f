/**
 * The history generator: days decided by the domain, realistic (arrivals, calls, no-shows,
 * transfers, ratings, a closed day), the same for the same seed; and the two history commands
 * (`history:generate`, `history:rebuild`) against a data directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, simulateDay } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { foldEvents } from '../../server/domain/evolve';
import { ROLLUP_FORMAT } from '../../server/domain/day-rollup';
import { addDays, localDate } from '../../server/domain/time';

const run = promisify(execFile);

describe('simulateDay', () => {
  const plan = { ...DEFAULT_PLAN, tickets: 300, seed: 5 };

  it('makes a realistic, closed day that folds, the same for the same seed', () => {
    const day = '2026-11-25'; // a Wednesday: the night market too
    const events = simulateDay(YUXI, day, plan)!;
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('ticket.issued')).toBeGreaterThan(280);
    expect(count('ticket.no_show')).toBeGreaterThan(0);
    expect(count('ticket.transferred')).toBeGreaterThan(0);
    expect(count('rating.submitted')).toBeGreaterThan(60);
    expect(events.at(-1)!.type).toBe('day.closed');
    expect(new Set(events.map((e) => localDate(Date.parse(e.at), YUXI.timezone)))).toEqual(new Set([day]));
    expect(events.some((e) => e.type === 'ticket.issued' && e.at.slice(11, 13) >= '19')).toBe(true);
    const state = foldEvents(YUXI, day, events);
    expect(state.closed).toBe(true);

    expect(simulateDay(YUXI, day, plan)).toEqual(events);
    expect(simulateDay(YUXI, day, { ...plan, seed: 6 })).not.toEqual(events);
    // A Sunday is closed, unless every day is asked for.
    expect(simulateDay(YUXI, '2026-11-29', plan)).toBeNull();
    expect(simulateDay(YUXI, '2026-11-29', { ...plan, everyDay: true })!.at(-1)!.type).toBe('day.closed');
  });
});

describe('the history commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-history-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, DATA_DIR: dataDir, REDIS_URL: '' };

  it('generates days ending yesterday, each rolled up, and rebuilds their rollups', async () => {
    const generated = await run(
      'node_modules/.bin/tsx',
      ['scripts/history-generate.ts', '--hall', 'yuxi', '--days', '5', '--tickets', '40', '--seed', '3', '--every-day'],
      { env, timeout: 60_000 },
    );
    expect(generated.stderr).toMatch(/wrote 5 day\(s\)/);
    const today = localDate(Date.now(), YUXI.timezone);
    const files = readdirSync(join(dataDir, 'events', 'yuxi')).sort();
    const days = [5, 4, 3, 2, 1].map((n) => addDays(today, -n));
    expect(files).toEqual(days.flatMap((d) => [`${d}.jsonl`, `${d}.rollup.json`]));
    const rollup = JSON.parse(readFileSync(join(dataDir, 'events', 'yuxi', `${days[0]}.rollup.json`), 'utf8'));
    expect(rollup).toMatchObject({ format: ROLLUP_FORMAT, day: days[0], closed: true });
    expect(rollup.total.issued).toBeGreaterThan(15);

    // Again: the days are there, and are left alone.
    const again = await run('node_modules/.bin/tsx', ['scripts/history-generate.ts', '--hall', 'yuxi', '--days', '5', '--tickets', '40', '--every-day'], {
      env,
      timeout: 60_000,
    });
    expect(again.stderr).toMatch(/wrote 0 day\(s\).*kept 5 day\(s\)/);

    const rebuilt = await run('node_modules/.bin/tsx', ['scripts/history-rebuild.ts', '--hall', 'yuxi', '--from', days[0]!, '--to', days[4]!], {
      env,
      timeout: 60_000,
    });
    expect(rebuilt.stderr).toMatch(/rebuilt 5 day rollup\(s\)/);
    expect(JSON.parse(readFileSync(join(dataDir, 'events', 'yuxi', `${days[0]}.rollup.json`), 'utf8'))).toEqual(rollup);

    await expect(
      run('node_modules/.bin/tsx', ['scripts/history-rebuild.ts', '--hall', 'yuxi', '--from', '2026-02-30', '--to', days[4]!], { env, timeout: 60_000 }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--from: a date YYYY-MM-DD'),
    });
  }, 120_000);
});
