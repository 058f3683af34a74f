/**
 * Hall configuration as live data: the store's `hall:<hallId>` documents are the truth. At start the
 * configured halls (QMS_CONFIG or the demo) seed the halls that have no document yet; from then on
 * every node keeps the current documents in memory and hands each change to the hall service as
 * soon as the store tells it (every node within milliseconds), with no restart.
 */
import { DomainError } from '../domain/errors';
import type { HallConfig } from '../domain/types';
import { fromHallDoc, fromOwnHallDoc, HALL_KEY_PREFIX, hallDocJson, hallKey, type HallDoc } from '../config/hall-doc';
import type { EventStore } from '../store/event-store';
import { withSeededDocs } from '../store/seed-docs';
import type { HallService } from './hall-service';

export interface StoredHall {
  version: number;
  hall: HallDoc;
}

export class LiveHalls {
  private readonly docs = new Map<string, StoredHall>();
  private readonly staff = new Map<string, HallConfig['staff']>();
  private unsubscribe: () => void = () => undefined;
  private applying: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: EventStore,
    private readonly service: HallService,
    private readonly log?: { warn: (obj: object, msg: string) => void },
  ) {}

  /** Seeds halls without a document, loads every document, and follows changes. */
  static async start(opts: {
    store: EventStore;
    service: HallService;
    seed: HallConfig[];
    now: number;
    log?: { warn: (obj: object, msg: string) => void };
  }): Promise<LiveHalls> {
    const live = new LiveHalls(opts.store, opts.service, opts.log);
    for (const h of opts.seed) live.staff.set(h.id, h.staff);
    // Notices arriving while the documents load (each seeded hall announces itself) are looked at
    // once they are loaded: only a change made meanwhile is read again.
    let opening: Array<{ key: string; version: number }> | null = [];
    const noticed = (n: { key: string; version: number }) => {
      if (n.key.startsWith(HALL_KEY_PREFIX) && n.version > (live.docs.get(n.key.slice(HALL_KEY_PREFIX.length))?.version ?? 0)) {
        live.enqueue(() => live.reload(n.key));
      }
    };
    live.unsubscribe = opts.store.subscribeDocs((n) => (opening ? opening.push(n) : noticed(n)));
    // One read of every document; only the halls without one are written, together (one journal
    // sync, one Redis pipeline): a restart of a 1,300-hall node writes nothing.
    const stored = await opts.store.listDocs(HALL_KEY_PREFIX);
    const present = new Set(stored.map((d) => d.key));
    const absent = opts.seed.filter((h) => !present.has(hallKey(h.id)));
    // A document another node seeded first (a lost race) is the truth: createDocs skips it.
    const docs = await withSeededDocs(
      opts.store,
      stored,
      absent.map((h) => ({ key: hallKey(h.id), value: hallDocJson(h) })),
      { by: 'system', at: opts.now },
    );
    for (const doc of docs) await live.applyStored(doc.version, doc.value);
    const held = opening;
    opening = null;
    for (const n of held) noticed(n);
    return live;
  }

  /** The hall's current document, retired or not. */
  get(hallId: string): StoredHall | undefined {
    return this.docs.get(hallId);
  }

  all(): StoredHall[] {
    return [...this.docs.values()];
  }

  /** Takes a document this node just wrote, without waiting for the store's notice. */
  async took(version: number, hall: HallDoc): Promise<void> {
    await this.enqueueAndWait(() => this.apply(version, hall));
  }

  /** Reads a hall's document from the store and applies it. */
  async reload(key: string): Promise<void> {
    const doc = await this.store.readDoc(key);
    if (doc) await this.applyStored(doc.version, doc.value);
  }

  /** A stored document: parsed twice (quicker than a deep copy), one copy kept, the other the engine's. */
  private async applyStored(version: number, value: string): Promise<void> {
    const hall = JSON.parse(value) as HallDoc;
    const known = this.docs.get(hall.id);
    if (known && known.version >= version) return;
    await this.apply(version, hall, JSON.parse(value) as HallDoc);
  }

  private async apply(version: number, hall: HallDoc, own?: HallDoc): Promise<void> {
    const known = this.docs.get(hall.id);
    if (known && known.version >= version) return;
    this.docs.set(hall.id, { version, hall });
    const staff = this.staff.get(hall.id) ?? [];
    await this.service.applyHall(own ? fromOwnHallDoc(own, staff) : fromHallDoc(hall, staff), version, hall.retired);
  }

  private enqueue(job: () => Promise<void>): void {
    void this.enqueueAndWait(job).catch((err: unknown) => this.log?.warn({ err }, 'hall configuration not applied'));
  }

  /** Changes are applied one at a time, in the order they arrive. */
  private enqueueAndWait(job: () => Promise<void>): Promise<void> {
    const next = this.applying.then(job);
    this.applying = next.catch(() => undefined);
    return next;
  }

  /** A hall that is known (even retired) or `hall_not_found`. */
  require(hallId: string): StoredHall {
    const h = this.docs.get(hallId);
    if (!h) throw new DomainError('hall_not_found', `no hall ${hallId}`);
    return h;
  }

  close(): void {
    this.unsubscribe();
  }
}
