/**
 * The pinyin of a catalogue, worked out once per version on the server so kiosks and phones only
 * compare strings per keystroke. pinyin-pro takes ~0.1 ms a name (150 ms for Yuxi's 1,503 items),
 * so the work yields to the event loop between small batches: a kiosk's request never waits
 * behind it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { syllablesOf } from '../../displays/shared/service-search';
import type { CatalogueItem } from '../domain/catalogue';

/** Items per batch: ~5 ms of pinyin-pro at most. */
const BATCH = 40;

/**
 * Texts already spelled. A province node's halls share most of their catalogue (the province's
 * standard list of 事项), so a name is spelled once per node, not once per hall. Bounded: emptied
 * when full, which costs only a re-spelling.
 */
const spelled = new Map<string, string>();
const SPELLED_MAX = 50_000;

function spell(text: string): string {
  let syllables = spelled.get(text);
  if (syllables === undefined) {
    if (spelled.size >= SPELLED_MAX) spelled.clear();
    syllables = syllablesOf(text).join(' ');
    spelled.set(text, syllables);
  }
  return syllables;
}

/** For each item code: the syllables of its name, then of each alias (space-separated, one per character). */
export async function spellCatalogue(items: readonly CatalogueItem[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < items.length; i += BATCH) {
    if (i > 0) await nextTurn();
    for (const item of items.slice(i, i + BATCH)) {
      if (!item.enabled) continue;
      out.set(item.code, [item.name, ...item.aliases].map(spell));
    }
  }
  return out;
}
