/**
 * The embedded store: events in memory, each stream also an append-only JSON-lines journal
 * (`<dataDir>/events/<hall>/<day>.jsonl`), fsynced before an append counts, replayed on first use.
 * A closed day's rollup is a file beside its journal (`<day>.rollup.json`), replaced whole by a rename.
 * It is what a fresh machine runs with no Redis. One process owns a data directory at a time
 * (a lock file), so two processes can never both append to a hall.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { HallEvent } from '../domain/events';
import { TimeSlice } from '../app/time-slice';
import { DIR_MODE, FILE_MODE, tightenModes } from './file-modes';
import { decodeSnapshot, snapshotHeader, snapshotPieces } from './doc-snapshot';
import {
  StoreUnavailableError,
  type AppendNotice,
  type AppendResult,
  type AuditEntry,
  type AuditQuery,
  type ChangeAuthor,
  type ConfigDoc,
  type DocChange,
  type DocNotice,
  type EventStore,
  type RollupData,
  type StreamId,
  type WriteDocResult,
} from './event-store';

/** A cached stream: in use by `users` calls (never evicted then), last used at `used` (epoch ms). */
interface Cached {
  stream: Promise<Stream>;
  users: number;
  used: number;
}

interface Stream {
  events: HallEvent[];
  file: FileHandle | null;
  /** Appends to one stream run one after another. */
  tail: Promise<unknown>;
}

/** A snapshot of the documents is written once this many journal bytes (or half the snapshot's) are not in one… */
const SNAPSHOT_AFTER_BYTES = 4 << 20;
/** …this long after, so a burst of changes is written first. */
const SNAPSHOT_DELAY_MS = 30_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dir>/store.lock`, or throws naming the process that holds it. */
export function takeLock(dir: string): string {
  const path = join(dir, 'store.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', FILE_MODE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new StoreUnavailableError(`data directory ${dir} is in use by process ${holder}`);
      }
      unlinkSync(path); // left behind by a process that died
    }
  }
  throw new StoreUnavailableError(`cannot lock data directory ${dir}`);
}

/** The audit trail's journal in a data directory: one record (its text) per line. */
export const AUDIT_JOURNAL = 'audit.jsonl';

/**
 * The records of an audit journal, in order (a torn last line, never acknowledged, is left out).
 * Read by the store at open and by `npm run audit:verify`, which must not take the store's lock.
 */
export function readAuditJournal(path: string): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // The part after the last newline is a torn write (or nothing).
  lines.pop();
  return lines;
}

export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  /** Streams in memory, least recently used first. */
  private readonly streams = new Map<string, Cached>();
  private readonly sweep: NodeJS.Timeout;
  private readonly listeners = new Set<(n: AppendNotice) => void>();
  private readonly values = new Map<string, { value: string; expires: number }>();
  private readonly lockPath: string;
  private closed = false;
  private rollupWrites = 0;
  /** The current configuration documents; their whole history stays only in the journal. */
  private readonly docs = new Map<string, ConfigDoc>();
  private readonly docListeners = new Set<(n: DocNotice) => void>();
  private docFile: FileHandle | null = null;
  /** Document writes run one after another (each checks the version it expects). */
  private docTail: Promise<unknown> = Promise.resolve();
  /** The change journal's length in bytes and the SHA-256 of those bytes, kept up to date with every write. */
  private journalBytes = 0;
  private readonly journalHash: Hash = createHash('sha256');
  /** The journal length the snapshot on disk was made at (0: none), and the snapshot being written, if any. */
  private snapshotBytes = 0;
  private snapshotting: Promise<void> | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** Keyed records per collection; `records.jsonl` journals each put and delete, rewritten whole when mostly stale. */
  private readonly records = new Map<string, Map<string, string>>();
  private recordFile: FileHandle | null = null;
  private recordLines = 0;
  private recordTail: Promise<unknown> = Promise.resolve();
  /** The audit trail's records (place = index + 1); `audit.jsonl` holds one per line, appended and synced. */
  private readonly audit: string[] = [];
  private auditFile: FileHandle | null = null;
  private auditTail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly maxStreams: number,
    private readonly idleMs: number,
  ) {
    mkdirSync(join(dir, 'events'), { recursive: true, mode: DIR_MODE });
    this.lockPath = takeLock(dir);
    tightenModes(dir);
    this.loadDocs();
    this.replayRecords();
    this.audit.push(...readAuditJournal(this.auditPath));
    // A torn last record (a crash mid-write, never acknowledged) is cut off before the next is appended.
    if (existsSync(this.auditPath)) {
      const bytes = readFileSync(this.auditPath);
      const whole = bytes.lastIndexOf(0x0a) + 1;
      if (whole < bytes.length) truncateSync(this.auditPath, whole);
    }
    this.sweep = setInterval(() => this.evict(), Math.min(60_000, idleMs));
    this.sweep.unref();
  }

  private get recordsPath(): string {
    return join(this.dir, 'records.jsonl');
  }

  /** Reads the record journal at open (a torn last line was never acknowledged) and rewrites it with only the live records. */
  private replayRecords(): void {
    if (!existsSync(this.recordsPath)) return;
    for (const line of readFileSync(this.recordsPath, 'utf8').split('\n')) {
      if (!line) continue;
      let op: { c: string; id: string; v?: string };
      try {
        op = JSON.parse(line) as typeof op;
      } catch {
        break;
      }
      const records = this.records.get(op.c) ?? new Map<string, string>();
      this.records.set(op.c, records);
      if (op.v === undefined) records.delete(op.id);
      else records.set(op.id, op.v);
    }
    const aside = `${this.recordsPath}.new`;
    writeFileSync(aside, this.recordJournal(), { mode: FILE_MODE });
    renameSync(aside, this.recordsPath);
  }

  private recordJournal(): string {
    const lines: string[] = [];
    for (const [c, records] of this.records) for (const [id, v] of records) lines.push(JSON.stringify({ c, id, v }));
    this.recordLines = lines.length;
    return lines.map((l) => l + '\n').join('');
  }

  private liveRecords(): number {
    let n = 0;
    for (const r of this.records.values()) n += r.size;
    return n;
  }

  /** Applies record changes in memory once they are in the journal (fsynced), one batch after another. */
  private writeRecords(ops: ReadonlyArray<{ c: string; id: string; v?: string }>): Promise<void> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    const run = this.recordTail.then(async () => {
      this.recordFile ??= await open(this.recordsPath, 'a', FILE_MODE);
      await this.recordFile.write(ops.map((op) => JSON.stringify(op) + '\n').join(''));
      await this.recordFile.datasync();
      this.recordLines += ops.length;
      for (const op of ops) {
        const records = this.records.get(op.c) ?? new Map<string, string>();
        this.records.set(op.c, records);
        if (op.v === undefined) records.delete(op.id);
        else records.set(op.id, op.v);
      }
      // Mostly overwritten or deleted lines: write the live records afresh, so the file stays as small as they are.
      if (this.recordLines > 2 * this.liveRecords() + 1_000) {
        const aside = `${this.recordsPath}.new`;
        await writeFile(aside, this.recordJournal(), { mode: FILE_MODE });
        await this.recordFile.close();
        await rename(aside, this.recordsPath);
        this.recordFile = null;
      }
    });
    this.recordTail = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`record journal: ${(err as Error).message}`, { cause: err });
    });
  }

  async putRecord(collection: string, id: string, value: string): Promise<void> {
    await this.writeRecords([{ c: collection, id, v: value }]);
  }

  async deleteRecords(collection: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.writeRecords(ids.map((id) => ({ c: collection, id })));
  }

  async listRecords(collection: string): Promise<Array<{ id: string; value: string }>> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return [...(this.records.get(collection) ?? new Map<string, string>())].map(([id, value]) => ({ id, value }));
  }

  private get auditPath(): string {
    return join(this.dir, AUDIT_JOURNAL);
  }

  async appendAudit(expected: number, records: readonly string[]): Promise<AppendResult> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const run = this.auditTail.then(async (): Promise<AppendResult> => {
      if (this.audit.length !== expected) return { ok: false, version: this.audit.length };
      if (records.length === 0) return { ok: true, version: expected };
      this.auditFile ??= await open(this.auditPath, 'a', FILE_MODE);
      await this.auditFile.write(records.map((r) => r + '\n').join(''));
      await this.auditFile.datasync();
      this.audit.push(...records);
      return { ok: true, version: this.audit.length };
    });
    this.auditTail = run.catch(() => undefined);
    try {
      return await run;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`audit journal: ${(err as Error).message}`, { cause: err });
    }
  }

  async readAudit(query: AuditQuery): Promise<AuditEntry[]> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const low = Math.max(query.after ?? 0, 0);
    const high = Math.min(query.before ?? Infinity, this.audit.length + 1);
    const out: AuditEntry[] = [];
    if (query.newestFirst) {
      for (let seq = high - 1; seq > low && out.length < query.limit; seq--) out.push({ seq, record: this.audit[seq - 1]! });
    } else {
      for (let seq = low + 1; seq < high && out.length < query.limit; seq++) out.push({ seq, record: this.audit[seq - 1]! });
    }
    return out;
  }

  private get changesPath(): string {
    return join(this.dir, 'config-changes.jsonl');
  }

  private get snapshotPath(): string {
    return join(this.dir, 'config-docs.snapshot');
  }

  /**
   * The current documents at open: the snapshot's, when the journal begins with the bytes it was made
   * from, then the journal's changes after those (all of them without a snapshot). A torn last line
   * (never acknowledged) is cut off.
   */
  private loadDocs(): void {
    const path = this.changesPath;
    if (!existsSync(path)) return;
    const journal = readFileSync(path);
    let from = 0;
    const snapshot = existsSync(this.snapshotPath) ? readFileSync(this.snapshotPath) : null;
    const at = snapshot ? snapshotHeader(snapshot) : null;
    if (snapshot && at && at.header.journalBytes <= journal.length) {
      const prefix = createHash('sha256').update(journal.subarray(0, at.header.journalBytes)).digest('hex');
      const docs = prefix === at.header.journalSha256 ? decodeSnapshot(snapshot, at) : null;
      if (docs) {
        for (const doc of docs) this.docs.set(doc.key, doc);
        from = this.snapshotBytes = at.header.journalBytes;
      }
    }
    const text = journal.toString('utf8', from);
    // Where the last whole line ends (a character index): its bytes are counted once, at the end.
    let end = 0;
    for (let i = 0; i < text.length;) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break; // a torn last line: never acknowledged
      if (nl > i) {
        let change: DocChange;
        try {
          change = JSON.parse(text.slice(i, nl)) as DocChange;
        } catch {
          break;
        }
        this.docs.set(change.key, { key: change.key, version: change.version, value: change.after });
      }
      i = end = nl + 1;
    }
    const bytes = from + (end === text.length ? journal.length - from : Buffer.byteLength(text.slice(0, end)));
    if (bytes < journal.length) truncateSync(path, bytes);
    this.journalHash.update(journal.subarray(0, bytes));
    this.journalBytes = bytes;
  }

  /** Counts what was just appended to the change journal; a snapshot is due once much is not in one. */
  private journalled(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) {
      this.journalBytes += chunk.length;
      this.journalHash.update(chunk);
    }
    // Written a while after a burst of changes (a first start seeds everything at once), not during it.
    if (this.snapshotTimer === null && this.journalBytes - this.snapshotBytes > Math.max(SNAPSHOT_AFTER_BYTES, this.snapshotBytes / 2)) {
      this.snapshotTimer = setTimeout(() => {
        this.snapshotTimer = null;
        void this.snapshot().catch(() => undefined);
      }, SNAPSHOT_DELAY_MS);
      this.snapshotTimer.unref();
    }
  }

  /**
   * Writes the current documents as the snapshot (aside, synced, renamed over), unless the one on disk
   * is already up to date (or a document cannot be kept in one). The documents and the journal's length
   * and hash are taken together, between two writes; the file is then made a few hundred documents at a
   * time, so the event loop is never held for long.
   */
  snapshot(): Promise<void> {
    const run = (this.snapshotting ?? Promise.resolve()).then(async () => {
      await this.docTail;
      if (this.journalBytes === this.snapshotBytes) return;
      // Taken together, between two writes: the documents are exactly the journal's first `bytes`.
      const journal = { bytes: this.journalBytes, sha256: this.journalHash.copy().digest('hex') };
      const docs = [...this.docs.values()];
      const aside = `${this.snapshotPath}.tmp`;
      const file = await open(aside, 'w', FILE_MODE);
      try {
        for (const piece of snapshotPieces(docs, journal)) await file.write(piece);
        await file.datasync();
      } catch (err) {
        await file.close();
        await unlink(aside).catch(() => undefined);
        throw err;
      }
      await file.close();
      await rename(aside, this.snapshotPath);
      this.snapshotBytes = journal.bytes;
    });
    this.snapshotting = run.catch(() => undefined);
    return run;
  }

  /**
   * `maxStreams` (default 256) and `idleMs` (default 15 minutes) bound the day streams kept in
   * memory: today's and appointment days' stay while in use; closed days leave.
   */
  static async open(opts: { dataDir: string; maxStreams?: number; idleMs?: number }): Promise<EmbeddedEventStore> {
    return new EmbeddedEventStore(opts.dataDir, opts.maxStreams ?? 256, opts.idleMs ?? 15 * 60_000);
  }

  private path(s: StreamId): string {
    return join(this.dir, 'events', s.hallId, `${s.day}.jsonl`);
  }

  /**
   * The cached stream of `s`, loaded if need be, held (not evicted) until `release`. Synchronous,
   * so nothing can evict it between the look-up and the hold.
   */
  private hold(s: StreamId): Cached {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const key = `${s.hallId}/${s.day}`;
    let c = this.streams.get(key);
    if (c) {
      // Most recently used last.
      this.streams.delete(key);
    } else {
      c = { stream: this.load(s), users: 0, used: 0 };
      const mine = c;
      c.stream.catch(() => {
        if (this.streams.get(key) === mine) this.streams.delete(key);
      });
    }
    this.streams.set(key, c);
    c.users++;
    c.used = Date.now();
    this.evict();
    return c;
  }

  private release(c: Cached): void {
    c.users--;
    c.used = Date.now();
  }

  /**
   * Keeps memory bounded: streams nobody is using leave the cache once idle for `idleMs`, and the
   * least recently used leave while more than `maxStreams` are cached. A left stream is read from
   * its journal again when next needed.
   */
  private evict(): void {
    const now = Date.now();
    // Expired values nobody reads again (a limit's counters of a past window) leave too.
    for (const [key, v] of this.values) if (v.expires <= now) this.values.delete(key);
    let excess = this.streams.size - this.maxStreams;
    for (const [key, c] of this.streams) {
      if (c.users > 0) continue;
      if (excess <= 0 && now - c.used < this.idleMs) continue;
      this.streams.delete(key);
      excess--;
      void c.stream.then((st) => st.tail.then(() => st.file?.close())).catch(() => undefined);
    }
  }

  /** How many day streams are held in memory (for tests and metrics). */
  get cachedStreams(): number {
    return this.streams.size;
  }

  /** Whole lines of a journal's text, and how many bytes they take (a torn last line is left out). */
  private static parse(text: string): { events: HallEvent[]; good: number } {
    const events: HallEvent[] = [];
    let good = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        events.push(JSON.parse(line) as HallEvent);
      } catch {
        break;
      }
      good += Buffer.byteLength(line) + 1;
    }
    return { events, good };
  }

  /** Replays a journal; a torn last line (a crash mid-append, never acknowledged) is cut off. */
  private async load(s: StreamId): Promise<Stream> {
    const path = this.path(s);
    if (!existsSync(path)) return { events: [], file: null, tail: Promise.resolve() };
    const text = await readFile(path, 'utf8');
    const { events, good } = EmbeddedEventStore.parse(text);
    if (good < Buffer.byteLength(text)) await truncate(path, good);
    return { events, file: null, tail: Promise.resolve() };
  }

  /**
   * The events of a stream: from the cache when it is held, else read from its journal without
   * caching it (reports read closed days once; only streams being appended to stay in memory).
   */
  private async events(s: StreamId): Promise<HallEvent[]> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const c = this.streams.get(`${s.hallId}/${s.day}`);
    if (c) {
      c.users++;
      try {
        return (await c.stream).events;
      } finally {
        this.release(c);
      }
    }
    let text: string;
    try {
      text = await readFile(this.path(s), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StoreUnavailableError(`journal: ${(err as Error).message}`, { cause: err });
    }
    // A busy day's journal is megabytes: parsed in slices, giving the event loop back between them.
    const events: HallEvent[] = [];
    const slice = new TimeSlice();
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i % 256 === 0) await slice.pause();
      const line = lines[i]!;
      if (!line) continue;
      try {
        events.push(JSON.parse(line) as HallEvent);
      } catch {
        break; // a torn last line: never acknowledged
      }
    }
    return events;
  }

  async append(s: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult> {
    const c = this.hold(s);
    try {
      const st = await c.stream;
      const run = st.tail.then(async (): Promise<AppendResult> => {
        const current = st.events.length;
        if (current !== expectedVersion) return { ok: false, version: current };
        if (events.length === 0) return { ok: true, version: current };
        if (!st.file) {
          mkdirSync(join(this.dir, 'events', s.hallId), { recursive: true, mode: DIR_MODE });
          st.file = await open(this.path(s), 'a', FILE_MODE);
        }
        await st.file.write(events.map((e) => JSON.stringify(e) + '\n').join(''));
        await st.file.datasync();
        st.events.push(...events);
        const notice = { hallId: s.hallId, day: s.day, version: st.events.length };
        for (const l of this.listeners) l(notice);
        return { ok: true, version: st.events.length };
      });
      st.tail = run.catch(() => undefined);
      return await run;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`journal: ${(err as Error).message}`, { cause: err });
    } finally {
      this.release(c);
    }
  }

  async read(s: StreamId, afterVersion = 0): Promise<HallEvent[]> {
    return (await this.events(s)).slice(afterVersion);
  }

  async version(s: StreamId): Promise<number> {
    return (await this.events(s)).length;
  }

  async days(hallId: string): Promise<string[]> {
    const dir = join(this.dir, 'events', hallId);
    if (!existsSync(dir)) return [];
    return (await readdir(dir))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length))
      .sort();
  }

  private rollupPath(hallId: string, day: string): string {
    return join(this.dir, 'events', hallId, `${day}.rollup.json`);
  }

  async readRollups(hallId: string, days: readonly string[]): Promise<Array<string | null>> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return Promise.all(
      days.map(async (day) => {
        try {
          return await readFile(this.rollupPath(hallId, day), 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw new StoreUnavailableError(`rollup: ${(err as Error).message}`, { cause: err });
        }
      }),
    );
  }

  async readRollupsRaw(hallId: string, days: readonly string[]): Promise<Array<RollupData | null>> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return Promise.all(
      days.map(async (day) => {
        try {
          return await readFile(this.rollupPath(hallId, day));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw new StoreUnavailableError(`rollup: ${(err as Error).message}`, { cause: err });
        }
      }),
    );
  }

  async writeRollup(hallId: string, day: string, value: string): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const path = this.rollupPath(hallId, day);
    // Written aside and renamed over: a reader (or a crash) sees the old rollup or the new, never half.
    const aside = `${path}.${process.pid}.${++this.rollupWrites}.tmp`;
    try {
      mkdirSync(join(this.dir, 'events', hallId), { recursive: true, mode: DIR_MODE });
      await writeFile(aside, value, { mode: FILE_MODE });
      await rename(aside, path);
    } catch (err) {
      throw new StoreUnavailableError(`rollup: ${(err as Error).message}`, { cause: err });
    }
  }

  subscribe(listener: (notice: AppendNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private live(key: string): string | null {
    const v = this.values.get(key);
    if (!v) return null;
    if (v.expires <= Date.now()) {
      this.values.delete(key);
      return null;
    }
    return v.value;
  }

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== null) return false;
    this.values.set(key, { value, expires: Date.now() + ttlMs });
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key);
  }

  async getMany(keys: readonly string[]): Promise<Array<string | null>> {
    return keys.map((k) => this.live(k));
  }

  async take(key: string): Promise<string | null> {
    const value = this.live(key);
    this.values.delete(key);
    return value;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const count = Number(this.live(key) ?? 0) + 1;
    const expires = this.values.get(key)?.expires ?? Date.now() + windowMs;
    this.values.set(key, { value: String(count), expires });
    return count;
  }

  async readDoc(key: string): Promise<ConfigDoc | null> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return this.docs.get(key) ?? null;
  }

  async listDocs(prefix: string): Promise<ConfigDoc[]> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    return [...this.docs.values()].filter((d) => d.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async writeDoc(key: string, expectedVersion: number, value: string, author: ChangeAuthor): Promise<WriteDocResult> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const run = this.docTail.then(async (): Promise<WriteDocResult> => {
      const current = this.docs.get(key);
      const version = current?.version ?? 0;
      if (version !== expectedVersion) return { ok: false, version };
      const change: DocChange = { key, version: version + 1, by: author.by, at: author.at, before: current?.value ?? null, after: value };
      this.docFile ??= await open(this.changesPath, 'a', FILE_MODE);
      const line = Buffer.from(JSON.stringify(change) + '\n');
      await this.docFile.write(line);
      await this.docFile.datasync();
      this.journalled([line]);
      this.docs.set(key, { key, version: change.version, value });
      const notice = { key, version: change.version };
      for (const l of this.docListeners) l(notice);
      return { ok: true, version: change.version };
    });
    this.docTail = run.catch(() => undefined);
    try {
      return await run;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`config journal: ${(err as Error).message}`, { cause: err });
    }
  }

  async createDocs(docs: ReadonlyArray<{ key: string; value: string }>, author: ChangeAuthor): Promise<string[]> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const run = this.docTail.then(async (): Promise<string[]> => {
      const changes: DocChange[] = [];
      const seen = new Set<string>();
      for (const { key, value } of docs) {
        if (this.docs.has(key) || seen.has(key)) continue;
        seen.add(key);
        changes.push({ key, version: 1, by: author.by, at: author.at, before: null, after: value });
      }
      if (changes.length === 0) return [];
      // One write and one sync for the lot: seeding dozens of accounts stays as quick as one write.
      this.docFile ??= await open(this.changesPath, 'a', FILE_MODE);
      const chunks = journalChunks(changes);
      await this.docFile.writev(chunks);
      await this.docFile.datasync();
      this.journalled(chunks);
      for (const c of changes) this.docs.set(c.key, { key: c.key, version: 1, value: c.after });
      for (const c of changes) for (const l of this.docListeners) l({ key: c.key, version: 1 });
      return changes.map((c) => c.key);
    });
    this.docTail = run.catch(() => undefined);
    try {
      return await run;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`config journal: ${(err as Error).message}`, { cause: err });
    }
  }

  async docChanges(query: { prefix?: string; since?: number; until?: number; limit?: number }): Promise<DocChange[]> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    await this.docTail;
    const out: DocChange[] = [];
    if (!existsSync(this.changesPath)) return out;
    const limit = query.limit ?? 1000;
    // Streamed line by line: the journal holds every change ever made and is read only on request.
    const lines = createInterface({ input: createReadStream(this.changesPath, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      let change: DocChange;
      try {
        change = JSON.parse(line) as DocChange;
      } catch {
        break; // a write still under way: it is not acknowledged yet
      }
      if (query.prefix && !change.key.startsWith(query.prefix)) continue;
      if (query.since !== undefined && change.at < query.since) continue;
      if (query.until !== undefined && change.at > query.until) continue;
      out.push(change);
      if (out.length >= limit) {
        lines.close();
        break;
      }
    }
    return out;
  }

  subscribeDocs(listener: (notice: DocNotice) => void): () => void {
    this.docListeners.add(listener);
    return () => this.docListeners.delete(listener);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweep);
    for (const c of this.streams.values()) {
      const st = await c.stream.catch(() => null);
      if (st) {
        await st.tail;
        await st.file?.close();
      }
    }
    await this.docTail;
    await this.docFile?.close();
    // The next start reads the documents from the snapshot instead of replaying the journal.
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    await this.snapshot().catch(() => undefined);
    await this.recordTail;
    await this.recordFile?.close();
    await this.auditTail;
    await this.auditFile?.close();
    this.listeners.clear();
    this.docListeners.clear();
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  }
}

/** Bytes per piece of a batch of journal lines (a first start's 50 MB of seeded documents). */
const JOURNAL_CHUNK_CHARS = 1 << 20;

/**
 * The journal lines of `changes` as UTF-8, in pieces of about a megabyte: encoded once and the same
 * bytes written and hashed, instead of one 50 MB string joined and then encoded again for the file,
 * the hash and its length (a 1,300-hall node's first start spent over a second on that).
 */
function journalChunks(changes: readonly DocChange[]): Buffer[] {
  const chunks: Buffer[] = [];
  let piece: string[] = [];
  let chars = 0;
  for (const c of changes) {
    const line = JSON.stringify(c) + '\n';
    piece.push(line);
    chars += line.length;
    if (chars >= JOURNAL_CHUNK_CHARS) {
      chunks.push(Buffer.from(piece.join('')));
      piece = [];
      chars = 0;
    }
  }
  if (piece.length > 0) chunks.push(Buffer.from(piece.join('')));
  return chunks;
}
