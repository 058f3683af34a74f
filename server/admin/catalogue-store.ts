/**
 * Each hall's service catalogue (document `catalogue:<hallId>`) held in memory on every node: seeded
 * from the configured services when the store has none, reloaded within milliseconds of a write on
 * any node (the store's document notices), with its pinyin worked out once per version. Readers
 * take a hall's areas with their services from here (`areasOf`) instead of the hall configuration.
 */
import { catalogueFromAreas, servicesOf, type CatalogueItem } from '../domain/catalogue';
import { DomainError } from '../domain/errors';
import type { AreaConfig, HallConfig } from '../domain/types';
import { spellCatalogue } from '../catalogue/catalogue-pinyin';
import type { ChangeAuthor, EventStore } from '../store/event-store';
import { HALL_KEY_PREFIX, type HallDoc } from '../config/hall-doc';
import { withSeededDocs } from '../store/seed-docs';

const PREFIX = 'catalogue:';

export const catalogueKey = (hallId: string): string => `${PREFIX}${hallId}`;

/** A service as the hall detail shows it: with the pinyin the kiosk searches by. */
export interface SpelledService {
  id: string;
  name: string;
  department?: string;
  aliases: string[];
  pinyin: string[];
  materials?: string[];
}

interface Loaded {
  version: number;
  items: readonly CatalogueItem[];
  pinyin: Map<string, string[]>;
}

export class CatalogueStore {
  private readonly byHall = new Map<string, Loaded>();
  /** Per hall, the reload under way, so notices arriving together load once. */
  private readonly loading = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly store: EventStore,
    private readonly log: { warn: (obj: object, msg: string) => void },
  ) {
    this.unsubscribe = store.subscribeDocs((notice) => (this.opening ? this.opening.push(notice) : this.noticed(notice)));
  }

  /** Notices arriving while `open` loads every catalogue, looked at once they are loaded. */
  private opening: Array<{ key: string; version: number }> | null = [];

  private noticed(notice: { key: string; version: number }): void {
    // A hall added live (on any node) gets its configured services as its first catalogue.
    if (notice.key.startsWith(HALL_KEY_PREFIX) && !this.byHall.has(notice.key.slice(HALL_KEY_PREFIX.length))) {
      void this.adoptFromStore(notice.key).catch((err: unknown) => this.log.warn({ err, key: notice.key }, 'catalogue of a new hall not loaded'));
      return;
    }
    if (!notice.key.startsWith(PREFIX)) return;
    const hallId = notice.key.slice(PREFIX.length);
    if ((this.byHall.get(hallId)?.version ?? 0) >= notice.version) return;
    void this.reload(hallId).catch((err: unknown) => this.log.warn({ err, hallId }, 'catalogue reload failed'));
  }

  /** Loads every hall's catalogue, writing the configured services as version 1 where the store has none. */
  static async open(store: EventStore, halls: readonly HallConfig[], opts: { now: number; log: CatalogueStore['log'] }): Promise<CatalogueStore> {
    const catalogues = new CatalogueStore(store, opts.log);
    // One read of every catalogue, and the missing ones written together (a restart writes none).
    const stored = await store.listDocs(PREFIX);
    const present = new Set(stored.map((d) => d.key));
    const absent = halls.filter((hall) => !present.has(catalogueKey(hall.id)));
    // A lost race means another node seeded it first: either way the document now exists.
    const docs = await withSeededDocs(
      store,
      stored,
      absent.map((hall) => ({ key: catalogueKey(hall.id), value: JSON.stringify(catalogueFromAreas(hall.areas)) })),
      { by: 'system', at: opts.now },
    );
    // Every stored catalogue, also of halls only the store knows (`adopt` then finds it loaded).
    // Halls with the same catalogue (a province's copies of one city's list) share its items and
    // pinyin, parsed and spelled once: the items are never changed in place, only replaced whole.
    const same = new Map<string, Promise<Omit<Loaded, 'version'>>>();
    for (const doc of docs) await catalogues.take(doc.key.slice(PREFIX.length), doc, same);
    same.clear();
    const held = catalogues.opening ?? [];
    catalogues.opening = null;
    for (const notice of held) catalogues.noticed(notice);
    return catalogues;
  }

  /**
   * A hall added live (or known only to the store): its stored catalogue, or until one is written
   * its configured services as version 0 — in memory only, worked out alike on every node, so adding
   * a hall records no catalogue change; the first import or edit writes version 1.
   */
  async adopt(hall: { id: string; areas: Parameters<typeof catalogueFromAreas>[0] }): Promise<void> {
    if (this.byHall.has(hall.id)) return;
    await this.reload(hall.id);
    if (this.byHall.has(hall.id)) return;
    const items = catalogueFromAreas(hall.areas);
    const pinyin = await spellCatalogue(items);
    if (!this.byHall.has(hall.id)) this.byHall.set(hall.id, { version: 0, items, pinyin });
  }

  private async adoptFromStore(hallKeyOfDoc: string): Promise<void> {
    const doc = await this.store.readDoc(hallKeyOfDoc);
    if (doc) await this.adopt(JSON.parse(doc.value) as HallDoc);
  }

  close(): void {
    this.unsubscribe();
  }

  /** The hall's catalogue and its version; undefined for a hall without one. */
  get(hallId: string): { version: number; items: readonly CatalogueItem[] } | undefined {
    return this.byHall.get(hallId);
  }

  /** The hall's items, for the ticket rules (`DecideContext.catalogue`). */
  items(hallId: string): readonly CatalogueItem[] | undefined {
    return this.byHall.get(hallId)?.items;
  }

  /** The hall's areas with the services the catalogue offers in each (enabled items, with pinyin). */
  areasOf(hall: HallConfig): Array<Omit<AreaConfig, 'services'> & { services: SpelledService[] }> {
    const loaded = this.byHall.get(hall.id);
    return hall.areas.map((a) => ({
      ...a,
      services: loaded
        ? servicesOf(loaded.items, a.id).map((s) => ({ ...s, pinyin: loaded.pinyin.get(s.id) ?? [] }))
        : a.services.map((s) => ({ ...s, aliases: [], pinyin: [] })),
    }));
  }

  /** The hall with each area's services from the catalogue (what a printed ticket names). */
  withServices(hall: HallConfig): HallConfig {
    return { ...hall, areas: this.areasOf(hall) };
  }

  /**
   * Writes a new catalogue if the hall's is still at `expectedVersion`; 409 version_conflict if
   * someone wrote in between. Once written, this node serves it before answering.
   */
  async write(hallId: string, expectedVersion: number, items: readonly CatalogueItem[], by: ChangeAuthor): Promise<number> {
    const result = await this.store.writeDoc(catalogueKey(hallId), expectedVersion, JSON.stringify(items), by);
    if (!result.ok) throw new DomainError('version_conflict', `the catalogue is at version ${result.version}, not ${expectedVersion}`);
    await this.reload(hallId);
    return result.version;
  }

  private reload(hallId: string): Promise<void> {
    const running = this.loading.get(hallId);
    // A reload under way may have read the document before the newest write: chain one more.
    const next = (running ?? Promise.resolve()).then(() => this.load(hallId));
    const tracked = next.finally(() => {
      if (this.loading.get(hallId) === tracked) this.loading.delete(hallId);
    });
    this.loading.set(hallId, tracked);
    return tracked;
  }

  private async load(hallId: string): Promise<void> {
    const doc = await this.store.readDoc(catalogueKey(hallId));
    if (doc) await this.take(hallId, doc);
  }

  /** Holds a catalogue document just read, unless a newer version is held. */
  private async take(hallId: string, doc: { version: number; value: string }, same?: Map<string, Promise<Omit<Loaded, 'version'>>>): Promise<void> {
    if (doc.version <= (this.byHall.get(hallId)?.version ?? 0)) return;
    let spelled = same?.get(doc.value);
    if (!spelled) {
      spelled = spelledItems(doc.value);
      same?.set(doc.value, spelled);
    }
    const { items, pinyin } = await spelled;
    // Another load may have finished a newer version while this one spelled.
    if (doc.version > (this.byHall.get(hallId)?.version ?? 0)) this.byHall.set(hallId, { version: doc.version, items, pinyin });
  }
}

async function spelledItems(json: string): Promise<Omit<Loaded, 'version'>> {
  const items = JSON.parse(json) as CatalogueItem[];
  return { items, pinyin: await spellCatalogue(items) };
}
