/**
 * A durable high-water mark of ticket numbers per hall, day and area, kept on this node's disk
 * (outside Redis), written before a new number is answered. If Redis comes back from an older AOF
 * or a failover loses the last writes, numbering resumes above every number already printed.
 *
 * Marks only ever rise, so they are written in place, alternately into two files kept open: a
 * write torn by a crash spoils at most one of them, the other holds the mark before it, and the
 * greater of the two is the mark. (The torn write's numbers were never answered: the answer waits
 * for the write.) One synchronous-data write per batch of tickets (the files are opened O_DSYNC: a
 * write returns once its data is on disk, as a write and an fdatasync would, in one call to the
 * thread pool instead of two), no open/rename.
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DIR_MODE, FILE_MODE } from './file-modes';

export type Floors = Record<string, number>;

interface Pair {
  files: [FileHandle, FileHandle];
  next: 0 | 1;
  /** Bytes last written to each file, to blank any tail a shorter text would leave. */
  lengths: [number, number];
  written: string;
  tail: Promise<unknown>;
}

function parse(text: string): Floors {
  try {
    const value = JSON.parse(text.trim()) as unknown;
    return value && typeof value === 'object' ? (value as Floors) : {};
  } catch {
    return {}; // the torn one of the pair
  }
}

function max(a: Floors, b: Floors): Floors {
  const out: Floors = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

export class HighWaterMarks {
  private readonly pairs = new Map<string, Promise<Pair>>();

  constructor(private readonly dir: string) {}

  private paths(hallId: string, day: string): [string, string] {
    const base = join(this.dir, 'high-water', hallId, day);
    return [`${base}.a.json`, `${base}.b.json`];
  }

  async read(hallId: string, day: string): Promise<Floors> {
    let floors: Floors = {};
    for (const path of this.paths(hallId, day)) {
      try {
        floors = max(floors, parse(await readFile(path, 'utf8')));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return floors;
  }

  private pair(hallId: string, day: string): Promise<Pair> {
    const key = `${hallId}/${day}`;
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = (async (): Promise<Pair> => {
        await mkdir(join(this.dir, 'high-water', hallId), { recursive: true, mode: DIR_MODE });
        const [a, b] = this.paths(hallId, day);
        // Read-write, not append: the marks are rewritten in place from the start. O_DSYNC: each
        // write is durable when it returns.
        const flags = constants.O_RDWR | constants.O_CREAT | constants.O_DSYNC;
        const files: [FileHandle, FileHandle] = [await open(a, flags, FILE_MODE), await open(b, flags, FILE_MODE)];
        const lengths: [number, number] = [(await files[0].stat()).size, (await files[1].stat()).size];
        return { files, next: 0, lengths, written: '', tail: Promise.resolve() };
      })();
      this.pairs.set(key, pair);
      pair.catch(() => this.pairs.delete(key));
    }
    return pair;
  }

  /** Durably records `floors` (which only rise) before resolving. */
  async record(hallId: string, day: string, floors: Floors): Promise<void> {
    const pair = await this.pair(hallId, day);
    const text = JSON.stringify(floors);
    const run = pair.tail.then(async () => {
      if (pair.written === text) return;
      const slot = pair.next;
      const fh = pair.files[slot];
      // Never shorter than before, so no old tail is left behind.
      const padded = text.padEnd(pair.lengths[slot], ' ');
      await fh.write(padded, 0, 'utf8');
      pair.lengths[slot] = padded.length;
      pair.next = slot === 0 ? 1 : 0;
      pair.written = text;
    });
    pair.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    for (const p of this.pairs.values()) {
      const pair = await p.catch(() => null);
      if (!pair) continue;
      await pair.tail;
      await Promise.all(pair.files.map((f) => f.close()));
    }
    this.pairs.clear();
  }
}
