/**
 * A configuration file is checked once per build: the same bytes, build and mode load again without
 * the check; anything else — a changed byte, another build, password hashes now required, a server
 * run from source (no build id), a file that failed — is checked in full.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckedConfigs } from '../../server/config/checked-configs';
import { DEMO_HALLS } from '../../server/config/demo-halls';
import { HallConfigError, loadHalls } from '../../server/config/halls';

describe('configuration files checked once per build', () => {
  let dir: string;
  let dataDir: string;
  const good = () => JSON.stringify({ halls: DEMO_HALLS });
  // Two windows with one number: the schema allows it, the hall rules do not.
  const bad = () => JSON.stringify({ halls: [{ ...DEMO_HALLS[0]!, windows: DEMO_HALLS[0]!.windows.map((w) => ({ ...w, number: 1 })) }] });
  const file = (text: string) => {
    const path = join(dir, 'halls.json');
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qms-checked-'));
    dataDir = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers a good file, never a bad one, and checks a changed file again', () => {
    const checked = new CheckedConfigs(dataDir, 'build-a');
    const path = file(good());
    expect(loadHalls({ configPath: path, demo: true, checked }).halls.map((h) => h.id)).toEqual(DEMO_HALLS.map((h) => h.id));
    expect(existsSync(join(dataDir, 'checked-configs.json'))).toBe(true);
    expect(loadHalls({ configPath: path, demo: true, checked }).halls).toHaveLength(DEMO_HALLS.length);

    file(bad());
    expect(() => loadHalls({ configPath: path, demo: true, checked })).toThrow(HallConfigError);
    expect(() => loadHalls({ configPath: path, demo: true, checked })).toThrow(/window number 1|number/);
  });

  it('takes a remembered file without the check, only for the same build and mode', () => {
    const path = file(bad());
    // What a build that had checked these bytes (and found them good) would have remembered.
    const digest = (text: string) => createHash('sha256').update(text).update('\0').digest('hex');
    new CheckedConfigs(dataDir, 'build-a').remember(digest(bad()), false);
    expect(loadHalls({ configPath: path, demo: true, checked: new CheckedConfigs(dataDir, 'build-a') }).halls).toHaveLength(1);
    expect(() => loadHalls({ configPath: path, demo: true, checked: new CheckedConfigs(dataDir, 'build-b') })).toThrow(HallConfigError);
    expect(() => loadHalls({ configPath: path, demo: false, checked: new CheckedConfigs(dataDir, 'build-a') })).toThrow(HallConfigError);
  });

  it('requires the hashes again when the demo mode is off, though the demo accepted the file', () => {
    const checked = new CheckedConfigs(dataDir, 'build-a');
    const path = file(good());
    loadHalls({ configPath: path, demo: true, checked });
    expect(() => loadHalls({ configPath: path, demo: false, checked })).toThrow(/has no passwordHash/);
  });

  it('remembers nothing for a server run from source (no build id)', () => {
    const path = file(good());
    loadHalls({ configPath: path, demo: true, checked: new CheckedConfigs(dataDir, null) });
    expect(existsSync(join(dataDir, 'checked-configs.json'))).toBe(false);
  });
});
