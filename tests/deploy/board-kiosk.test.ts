/**
 * The wall board's browser as deploy/README.md sets it up: the systemd user unit
 * `deploy/systemd/qms-board.service` passes `systemd-analyze verify` (and a broken copy does not),
 * the autostart entry `deploy/kiosk/qms-board.desktop` starts Chromium with the same flags, and
 * Chromium started with exactly those flags plays the board's sound after a reload with nobody
 * touching it (a TV's reboot), while the same browser without the autoplay flag shows the
 * "sound is off" notice instead. (No graphical session here: Chromium runs headless.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser';
import { signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const ROOT = resolve(__dirname, '../..');
const UNIT = join(ROOT, 'deploy/systemd/qms-board.service');
const DESKTOP = join(ROOT, 'deploy/kiosk/qms-board.desktop');
const run = promisify(execFile);

/** The value of `key=` in a unit or desktop file (the first one, comments skipped). */
function value(text: string, key: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${key}=`));
  if (!line) throw new Error(`no ${key}= line`);
  return line.slice(key.length + 1);
}

/** The Chromium switches of a command line (`--name` or `--name=value`), the profile's path left out. */
function switches(command: string): string[] {
  return (command.match(/--[a-z-]+(=[^\s'"]+)?/g) ?? []).filter((s) => !s.startsWith('--user-data-dir')).sort();
}

async function verify(unitText: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-board-unit-'));
  try {
    writeFileSync(join(dir, 'qms-board.service'), unitText);
    const res = await run('systemd-analyze', ['verify', join(dir, 'qms-board.service')]).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}failed`,
    );
    return res.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the wall board's browser (kiosk mode, sound on)", () => {
  const unit = readFileSync(UNIT, 'utf8');
  const exec = value(unit, 'ExecStart');
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('the unit verifies, restarts the browser, and the autostart entry uses the same flags', async () => {
    expect(await verify(unit)).toBe('');
    expect(await verify(unit.replace(/^ExecStart=\/usr\/bin\/chromium/m, 'ExecStart=chromium-nowhere'))).not.toBe('');
    expect(value(unit, 'Restart')).toBe('always');
    expect(exec).toContain('--kiosk');
    expect(exec).toContain('--autoplay-policy=no-user-gesture-required');
    expect(exec).toMatch(/--user-data-dir=%h\//);
    expect(switches(value(readFileSync(DESKTOP, 'utf8'), 'Exec'))).toEqual(switches(exec));
  });

  it('Chromium with the unit’s flags speaks after a reboot without a tap; without the autoplay flag it says it is silent', async () => {
    const outcomes: Record<string, string | null> = {};
    for (const [name, args] of [
      ['as shipped', switches(exec)],
      // Chrome's own default on a desktop: sound only after a gesture on the page.
      ['without the flag', [...switches(exec).filter((s) => !s.startsWith('--autoplay-policy')), '--autoplay-policy=document-user-activation-required']],
    ] as const) {
      const profile = mkdtempSync(join(tmpdir(), 'qms-board-profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [...args.filter((s) => s !== '--kiosk'), '--no-sandbox', '--disable-gpu'],
        viewport: { width: 1920, height: 1080 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${srv.url}/display/hall?hall=yuxi`);
        await signIn(page, 'display01');
        // The reboot: the page loads again by itself, the sign-in kept in the profile, no one touches it.
        await page.reload();
        await page.locator('qms-hall-board .board').waitFor();
        if (name === 'as shipped') await page.locator('qms-hall-board .board[data-sound="on"]').waitFor();
        else await page.getByRole('alert').filter({ hasText: '声音未开启' }).waitFor();
        outcomes[name] = await page.locator('qms-hall-board .board').getAttribute('data-sound');
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
    expect(outcomes).toEqual({ 'as shipped': 'on', 'without the flag': 'off' });
  }, 90_000);
});
