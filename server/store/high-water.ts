/**
 * A durable high-water mark of ticket numbers per hall, day and area, kept on this node's disk
 * (outside Redis), written before a new number is answered. If Redis comes back from an older AOF
 * or a failover loses the last writes, numbering resumes above every number already printed.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

export type Floors = Record<string, number>;

export class HighWaterMarks {
  /** Last written value per file, so unchanged marks cost no I/O. */
  private readonly written = new Map<string, string>();
  /** Writes to one file run one after another. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Hall directories known to exist: a mkdir on every ticket batch was a third of this file's CPU cost. */
  private readonly made = new Set<string>();

  constructor(private readonly dir: string) {}

  private path(hallId: string, day: string): string {
    return join(this.dir, 'high-water', hallId, `${day}.json`);
  }

  async read(hallId: string, day: string): Promise<Floors> {
    try {
      return JSON.parse(await readFile(this.path(hallId, day), 'utf8')) as Floors;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
  }

  /** Durably records `floors` (fsync, then an atomic rename). */
  record(hallId: string, day: string, floors: Floors): Promise<void> {
    const path = this.path(hallId, day);
    const text = JSON.stringify(floors);
    const run = (this.tails.get(path) ?? Promise.resolve()).then(async () => {
      if (this.written.get(path) === text) return;
      if (!this.made.has(hallId)) {
        await mkdir(join(this.dir, 'high-water', hallId), { recursive: true });
        this.made.add(hallId);
      }
      const tmp = `${path}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
      this.written.set(path, text);
    });
    this.tails.set(path, run.catch(() => undefined));
    return run;
  }
}
