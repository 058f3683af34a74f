/**
 * Backup and restore of the embedded store's data directory (`DATA_DIR`).
 *
 * Why a copy can be taken while the server runs, with no help from it: everything in the
 * directory is either replaced whole by a rename (rollups, the token secret) — a reader sees the
 * old file or the new, never half — or only ever appended to (the day journals and the
 * configuration journal), one `write` per batch of events, acknowledged after it is synced. So a
 * journal's consistent copy is a prefix of it: its complete lines, ending where a command ends.
 * The copy reads each journal once, keeps its complete lines, and then, after a short pause, looks
 * at what has been written after that point: a line of another command proves the last one whole;
 * a line of the same command means a batch was still being written, and that command is left out
 * (the copy is then the journal as it was just before that command — still a state the hall was
 * in). A journal with nothing after the point for the whole pause is at rest, and whole. Rollups
 * are copied before the journals, so a copied rollup's day always has its closing event. This
 * needs no lock and no endpoint: the server never waits for a backup, and a backup cannot stall it.
 *
 * High-water marks (`high-water/`, Redis deployments only) are rewritten in place alternately in two
 * files; the greater of the pair is the mark, so a copy racing a write still holds a right one.
 *
 * The copy is written to `<target>.partial` and renamed to `<target>` when complete, with a
 * manifest (`backup.json`), so a half-made backup can never be mistaken for a whole one.
 *
 * Every file of the copy is sealed with QMS_BACKUP_KEY (AES-256-GCM, or SM4 with an HMAC-SM3 tag
 * under QMS_CRYPTO=sm): the directory holds password hashes, citizens' sealed numbers and the token
 * secret, which signs administrators' tokens — a backup on a shared disk or a tape must show none
 * of it. The manifest carries a sealed known text, so a restore with the wrong key is refused
 * before anything is written; the copy is written owner-only (0600 files, 0700 folders).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openBytes, SealError, sealBytes, type CryptoMode } from '../crypto/crypto-suite';
import { takeLock } from './embedded-store';
import { DIR_MODE, FILE_MODE } from './file-modes';

export const MANIFEST = 'backup.json';
/** How long a journal must show nothing new after its copied end to count as at rest. */
const SETTLE_MS = 200;
/** How long a journal's torn tail may stay torn before its last command is left out. */
const TORN_MAX_MS = 2_000;

/** The key a backup is sealed with, and the algorithms (QMS_BACKUP_KEY, QMS_CRYPTO). */
export interface BackupKey {
  key: Buffer;
  mode: CryptoMode;
}

/** Sealed in every manifest: opening it proves the key before a byte is restored. */
const KEY_CHECK = 'qms backup key check';

export interface BackupManifest {
  /** 1: files in clear (older versions); 2: every file sealed. */
  format: 'qms-data-dir/1' | 'qms-data-dir/2';
  /** Format 2: the algorithms, and KEY_CHECK sealed with the key (base64). */
  sealed?: { mode: CryptoMode; check: string };
  takenAt: string;
  dataDir: string;
  journals: Array<{ path: string; bytes: number; lines: number }>;
  files: string[];
}

const isJournal = (rel: string) => rel.endsWith('.jsonl');
/**
 * Not data: the owner's lock, files still being written aside (`*.tmp`, renamed when whole), and what
 * only speeds a start up: the documents' snapshot (made again from the journal, and void for any
 * journal but the one it was made from) and the configuration files already checked.
 */
const isSkipped = (rel: string) => rel === 'store.lock' || rel.endsWith('.tmp') || rel === 'config-docs.snapshot' || rel === 'checked-configs.json';

/** Every file under `dir`, as paths relative to it, sorted. */
function listFiles(dir: string, under = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** The command a journal line belongs to: day journals carry `commandId`; a config change is its own unit. */
function unitOf(line: Buffer): string | null {
  try {
    const v = JSON.parse(line.toString('utf8')) as { commandId?: unknown };
    return typeof v.commandId === 'string' ? v.commandId : null;
  } catch {
    return null;
  }
}

/** The start of the trailing run of lines of command `unit` in `text[0, end)` (whole lines). */
function startOfLastUnit(text: Buffer, end: number, unit: string): number {
  let cut = end;
  while (cut > 0) {
    const prev = text.lastIndexOf(0x0a, cut - 2) + 1;
    if (unitOf(text.subarray(prev, cut - 1)) !== unit) break;
    cut = prev;
  }
  return cut;
}

interface JournalCut {
  rel: string;
  text: Buffer;
  /** Bytes of `text` that are whole lines. */
  end: number;
}

/** What was written to `path` from `offset` on, as it is now. */
async function tailFrom(path: string, offset: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size <= offset) return Buffer.alloc(0);
    const buf = Buffer.alloc(size - offset);
    const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles each journal's cut on a command boundary (see the module comment). */
async function settle(dataDir: string, cuts: JournalCut[]): Promise<void> {
  await sleep(SETTLE_MS);
  let pending = cuts.filter((c) => c.end > 0);
  const started = Date.now();
  while (pending.length > 0) {
    const still: JournalCut[] = [];
    for (const cut of pending) {
      const lastStart = cut.text.lastIndexOf(0x0a, cut.end - 2) + 1;
      const unit = unitOf(cut.text.subarray(lastStart, cut.end - 1));
      if (unit === null) continue; // config changes: every line stands alone
      const after = await tailFrom(join(dataDir, cut.rel), cut.end);
      if (after.length === 0) continue; // at rest for the whole pause: whole
      const nl = after.indexOf(0x0a);
      if (nl >= 0) {
        if (unitOf(after.subarray(0, nl)) === unit) cut.end = startOfLastUnit(cut.text, cut.end, unit);
        continue;
      }
      // Only a torn line after it: a write is under way; wait for it, but not for ever.
      if (Date.now() - started > TORN_MAX_MS) cut.end = startOfLastUnit(cut.text, cut.end, unit);
      else still.push(cut);
    }
    pending = still;
    if (pending.length > 0) await sleep(20);
  }
}

/** Writes `plain` sealed to `path`, owner-only. */
async function writeSealed(path: string, plain: Buffer, seal: BackupKey): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: DIR_MODE });
  const fh = await open(path, 'w', FILE_MODE);
  try {
    await fh.write(sealBytes(seal.mode, seal.key, plain));
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** Copies the data directory `dataDir` (its server may be running) to `target`, which must not exist, every file sealed with `seal`. */
export async function backupDataDir(dataDir: string, target: string, seal: BackupKey): Promise<BackupManifest> {
  if (!existsSync(join(dataDir, 'events')) && !existsSync(join(dataDir, 'config-changes.jsonl'))) {
    throw new Error(`${dataDir} holds no embedded store (no events/ and no config-changes.jsonl): check DATA_DIR`);
  }
  if (existsSync(target)) throw new Error(`${target} already exists: back up into a new directory`);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: DIR_MODE });

  const all = listFiles(dataDir).filter((rel) => !isSkipped(rel));
  const others = all.filter((rel) => !isJournal(rel));
  // Whole files first (rollups before their journals: see the module comment).
  const copied: string[] = [];
  for (const rel of others) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dataDir, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // gone meanwhile (renamed over): fine
      continue;
    }
    await writeSealed(join(partial, rel), bytes, seal);
    copied.push(rel);
  }
  const cuts: JournalCut[] = [];
  for (const rel of all.filter(isJournal)) {
    const text = await readFile(join(dataDir, rel));
    cuts.push({ rel, text, end: text.lastIndexOf(0x0a) + 1 });
  }
  await settle(dataDir, cuts);

  const journals: BackupManifest['journals'] = [];
  for (const cut of cuts) {
    const body = cut.text.subarray(0, cut.end);
    await writeSealed(join(partial, cut.rel), body, seal);
    let lines = 0;
    for (const b of body) if (b === 0x0a) lines++;
    journals.push({ path: cut.rel, bytes: body.length, lines });
  }
  const manifest: BackupManifest = {
    format: 'qms-data-dir/2',
    sealed: { mode: seal.mode, check: sealBytes(seal.mode, seal.key, Buffer.from(KEY_CHECK)).toString('base64') },
    takenAt: new Date().toISOString(),
    dataDir,
    journals,
    files: copied,
  };
  await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, { mode: FILE_MODE });
  await rename(partial, target);
  return manifest;
}

export class RestoreRefused extends Error {}

/**
 * Brings the backup `source` back as `dataDir`. Refuses while a server owns `dataDir` (its lock),
 * and holds the lock itself meanwhile, so no server can start on a half-restored directory. What
 * `dataDir` held before is kept beside it (`<dataDir>.before-restore-<time>`), never deleted.
 */
export async function restoreDataDir(source: string, dataDir: string, key: Buffer | null): Promise<{ manifest: BackupManifest; setAside: string | null }> {
  const manifestPath = join(source, MANIFEST);
  if (!existsSync(manifestPath))
    throw new RestoreRefused(`${source} is not a backup (no ${MANIFEST}); a backup still being written is ${basename(source)}.partial and cannot be restored`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== 'qms-data-dir/1' && manifest.format !== 'qms-data-dir/2')
    throw new RestoreRefused(`${source}: unknown backup format ${String(manifest.format)}`);
  const sealedWith = manifest.format === 'qms-data-dir/2' ? key : null;
  if (manifest.format === 'qms-data-dir/2') {
    if (!key) throw new RestoreRefused(`${source} is encrypted: set QMS_BACKUP_KEY to the key it was made with`);
    let check: Buffer;
    try {
      check = openBytes(key, Buffer.from(manifest.sealed?.check ?? '', 'base64'));
    } catch (err) {
      if (err instanceof SealError) throw new RestoreRefused(`QMS_BACKUP_KEY does not open ${source}: it was made with another key`);
      throw err;
    }
    if (check.toString() !== KEY_CHECK) throw new RestoreRefused(`QMS_BACKUP_KEY does not open ${source}: it was made with another key`);
  }

  let setAside: string | null = null;
  if (existsSync(dataDir)) {
    let lock: string;
    try {
      lock = takeLock(dataDir);
    } catch (err) {
      throw new RestoreRefused(
        `${(err as Error).message}: the server is running on DATA_DIR=${dataDir}. Stop it first (e.g. systemctl stop qms@<node>), then restore.`,
      );
    }
    unlinkSync(lock);
    if (readdirSync(dataDir).length > 0) {
      setAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dataDir, setAside);
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  const lock = takeLock(dataDir);
  try {
    for (const rel of [...manifest.files, ...manifest.journals.map((j) => j.path)]) {
      const to = join(dataDir, rel);
      mkdirSync(dirname(to), { recursive: true, mode: DIR_MODE });
      const stored = await readFile(join(source, rel));
      let bytes: Buffer;
      try {
        bytes = sealedWith ? openBytes(sealedWith, stored) : stored;
      } catch (err) {
        if (err instanceof SealError) throw new RestoreRefused(`${rel} in ${source} was changed after the backup (its seal does not hold)`);
        throw err;
      }
      await writeFile(to, bytes, { mode: FILE_MODE });
    }
    for (const j of manifest.journals) {
      const size = statSync(join(dataDir, j.path)).size;
      if (size !== j.bytes) throw new Error(`${j.path}: ${size} bytes restored, the backup says ${j.bytes}`);
    }
  } finally {
    unlinkSync(lock);
  }
  return { manifest, setAside };
}
