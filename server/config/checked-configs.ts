/**
 * Which configuration files this build of the server has already checked and found good, so a start
 * with the same file does not check a province's 43 MB again (~1 s of a 1,300-hall node's start).
 *
 * It cannot go stale: an entry is the SHA-256 of the file's exact bytes, the build (a hash of every
 * source file and package-lock.json, set by scripts/build-server.mjs; a server run from source with
 * tsx has none and always checks) and whether password hashes were required (QMS_DEMO) — the three
 * things the check's answer depends on. Any other file, build or mode is checked in full. It holds
 * no secret: digests of files, never their content. Kept in the data directory
 * (`checked-configs.json`), written aside and renamed; a missing or unreadable one only means a check.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __QMS_BUILD_ID__: string | undefined;

/** The build's id, or null when the server runs from source. */
export function buildId(): string | null {
  return typeof __QMS_BUILD_ID__ === 'string' ? __QMS_BUILD_ID__ : null;
}

/** The key one good check is remembered under. */
function entry(build: string, sha256: string, requireHashes: boolean): string {
  return `${build}:${sha256}:${requireHashes ? 'hashes' : 'demo'}`;
}

/** Entries kept: a few recent files and builds (an operator editing the file, an update). */
const KEEP = 8;

export class CheckedConfigs {
  private readonly path: string;

  constructor(
    private readonly dataDir: string,
    private readonly build: string | null = buildId(),
  ) {
    this.path = join(dataDir, 'checked-configs.json');
  }

  private entries(): string[] {
    try {
      const v = JSON.parse(readFileSync(this.path, 'utf8')) as { checked?: unknown };
      return Array.isArray(v.checked) ? v.checked.filter((e): e is string => typeof e === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Whether this build found the file with this digest good before, in this mode. */
  passed(sha256: string, requireHashes: boolean): boolean {
    return this.build !== null && this.entries().includes(entry(this.build, sha256, requireHashes));
  }

  /** Remembers a good check (nothing without a build id; a data directory that cannot be written is left alone). */
  remember(sha256: string, requireHashes: boolean): void {
    if (this.build === null) return;
    const e = entry(this.build, sha256, requireHashes);
    const checked = [e, ...this.entries().filter((x) => x !== e)].slice(0, KEEP);
    const aside = `${this.path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dataDir, { recursive: true });
      writeFileSync(aside, JSON.stringify({ checked }), { mode: 0o600 });
      renameSync(aside, this.path);
    } catch {
      // Only the next start's speed depends on it.
    }
  }
}
