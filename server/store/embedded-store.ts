/**
 * The embedded store: events in memory, each stream also an append-only JSON-lines journal
 * (`<dataDir>/events/<hall>/<day>.jsonl`), fsynced before an append counts, replayed on first use.
 * A closed day's rollup is a file beside its journal (`<day>.rollup.json`), replaced whole by a rename.
 * It is what a fresh machine runs with no Redis. One process owns a data directory at a time
 * (a lock file), so two processes can never both append to a hall.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { HallEvent } from '../domain/events';
import {
  StoreUnavailableError,
  type AppendNotice,
  type AppendResult,
  type ChangeAuthor,
  type ConfigDoc,
  type DocChange,
  type DocNotice,
  type EventStore,
  type StreamId,
  type WriteDocResult,
} from './event-store';

interface Stream {
  events: HallEvent[];
  file: FileHandle | null;
  /** Appends to one stream run one after another. */
  tail: Promise<unknown>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dir>/store.lock`, or throws naming the process that holds it. */
function takeLock(dir: string): string {
  const path = join(dir, 'store.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
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

export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private readonly streams = new Map<string, Promise<Stream>>();
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

  private constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'events'), { recursive: true });
    this.lockPath = takeLock(dir);
    for (const change of this.replayChanges()) this.docs.set(change.key, { key: change.key, version: change.version, value: change.after });
  }

  private get changesPath(): string {
    return join(this.dir, 'config-changes.jsonl');
  }

  /** Reads the change journal at open; a torn last line (never acknowledged) is cut off. */
  private replayChanges(): DocChange[] {
    const path = this.changesPath;
    if (!existsSync(path)) return [];
    const text = readFileSync(path, 'utf8');
    const changes: DocChange[] = [];
    let good = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        changes.push(JSON.parse(line) as DocChange);
      } catch {
        break;
      }
      good += Buffer.byteLength(line) + 1;
    }
    if (good < Buffer.byteLength(text)) truncateSync(path, good);
    return changes;
  }

  static async open(opts: { dataDir: string }): Promise<EmbeddedEventStore> {
    return new EmbeddedEventStore(opts.dataDir);
  }

  private path(s: StreamId): string {
    return join(this.dir, 'events', s.hallId, `${s.day}.jsonl`);
  }

  private stream(s: StreamId): Promise<Stream> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    const key = `${s.hallId}/${s.day}`;
    let st = this.streams.get(key);
    if (!st) {
      st = this.load(s);
      this.streams.set(key, st);
      st.catch(() => this.streams.delete(key));
    }
    return st;
  }

  /** Replays a journal; a torn last line (a crash mid-append, never acknowledged) is cut off. */
  private async load(s: StreamId): Promise<Stream> {
    const path = this.path(s);
    const events: HallEvent[] = [];
    if (existsSync(path)) {
      const text = await readFile(path, 'utf8');
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
      if (good < Buffer.byteLength(text)) await truncate(path, good);
    }
    return { events, file: null, tail: Promise.resolve() };
  }

  async append(s: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult> {
    const st = await this.stream(s);
    const run = st.tail.then(async (): Promise<AppendResult> => {
      const current = st.events.length;
      if (current !== expectedVersion) return { ok: false, version: current };
      if (events.length === 0) return { ok: true, version: current };
      if (!st.file) {
        mkdirSync(join(this.dir, 'events', s.hallId), { recursive: true });
        st.file = await open(this.path(s), 'a');
      }
      await st.file.write(events.map((e) => JSON.stringify(e) + '\n').join(''));
      await st.file.datasync();
      st.events.push(...events);
      const notice = { hallId: s.hallId, day: s.day, version: st.events.length };
      for (const l of this.listeners) l(notice);
      return { ok: true, version: st.events.length };
    });
    st.tail = run.catch(() => undefined);
    try {
      return await run;
    } catch (err) {
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`journal: ${(err as Error).message}`, { cause: err });
    }
  }

  async read(s: StreamId, afterVersion = 0): Promise<HallEvent[]> {
    const st = await this.stream(s);
    return st.events.slice(afterVersion);
  }

  async version(s: StreamId): Promise<number> {
    return (await this.stream(s)).events.length;
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

  async writeRollup(hallId: string, day: string, value: string): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('store is closed');
    const path = this.rollupPath(hallId, day);
    // Written aside and renamed over: a reader (or a crash) sees the old rollup or the new, never half.
    const aside = `${path}.${process.pid}.${++this.rollupWrites}.tmp`;
    try {
      mkdirSync(join(this.dir, 'events', hallId), { recursive: true });
      await writeFile(aside, value);
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
      this.docFile ??= await open(this.changesPath, 'a');
      await this.docFile.write(JSON.stringify(change) + '\n');
      await this.docFile.datasync();
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
      this.docFile ??= await open(this.changesPath, 'a');
      await this.docFile.write(changes.map((c) => JSON.stringify(c) + '\n').join(''));
      await this.docFile.datasync();
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
    for (const st of this.streams.values()) {
      const s = await st.catch(() => null);
      if (s) {
        await s.tail;
        await s.file?.close();
      }
    }
    await this.docTail;
    await this.docFile?.close();
    this.listeners.clear();
    this.docListeners.clear();
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  }
}
