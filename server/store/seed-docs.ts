/**
 * Seeding documents at start without reading back what this node just wrote (a province's 1,300
 * halls and catalogues and 32,000 accounts): the documents as first listed, the ones created now as
 * written (version 1), and only those another node created meanwhile (a lost race) read again.
 * Changes made meanwhile reach the readers through the store's notices, as with a second listing.
 */
import type { ChangeAuthor, ConfigDoc, EventStore } from './event-store';

/** `stored` (as `listDocs` gave it) with `absent` created where still missing; sorted by key, like `listDocs`. */
export async function withSeededDocs(
  store: EventStore,
  stored: ConfigDoc[],
  absent: ReadonlyArray<{ key: string; value: string }>,
  by: ChangeAuthor,
): Promise<ConfigDoc[]> {
  if (absent.length === 0) return stored;
  const created = new Set(await store.createDocs(absent, by));
  const docs = [...stored];
  const seen = new Set<string>();
  for (const { key, value } of absent) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (created.has(key)) {
      docs.push({ key, version: 1, value });
      continue;
    }
    const doc = await store.readDoc(key);
    if (doc) docs.push(doc);
  }
  return docs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
