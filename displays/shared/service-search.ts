/**
 * Finding a service item (事项) the way citizens type, at the kiosk and on the booking page: Chinese
 * characters, full pinyin (`budongchan`), initials (`bdc`) or a mix (`bdcdengji`), on an item's name
 * and on its aliases (身份证 for 居民身份证申领). The pinyin of each name is worked out once, when the
 * index is built — by the server per catalogue version (`pinyin` on a hall detail's services), or
 * here with pinyin-pro for what comes without it — so a keystroke only compares strings: 1,503 items
 * answer in a few milliseconds, where asking pinyin-pro per item took ~100 ms.
 */
import { pinyin } from 'pinyin-pro';

/** What the index reads of a hall's areas (the kiosk's hall detail and the booking page's both fit). */
export interface SearchableArea {
  id: string;
  name: string;
  prefix: string;
  services: ReadonlyArray<{
    id: string;
    name: string;
    department?: string;
    aliases?: readonly string[];
    /** Syllables, space-separated, one per character: the name's, then each alias's. */
    pinyin?: readonly string[];
  }>;
}

/** A searchable text with one pinyin syllable per character (a non-Han character stands for itself). */
interface SpelledText {
  text: string;
  syllables: string[];
}

export interface SearchEntry {
  kind: 'area' | 'service';
  areaId: string;
  /** Null for an area entry. */
  serviceId: string | null;
  name: string;
  areaName: string;
  prefix: string;
  department: string | null;
  /** The item code (事项编码, the service's id), lower case; null for an area entry. */
  code: string | null;
  /** The name first, then the aliases. */
  spelled: SpelledText[];
  spelledDepartment: SpelledText | null;
}

export interface SearchHit extends SearchEntry {
  /** Indexes of the matched characters in `name`, to highlight. */
  marks: number[];
  /** The alias that matched, when the name did not. */
  alias: string | null;
  /** The item code, when what was typed is part of it (digits from a 办事指南 or a form). */
  codeMatch: string | null;
}

/** One syllable per character, lower case, as the server computes it (server/catalogue/catalogue-pinyin.ts). */
export function syllablesOf(text: string): string[] {
  const chars = [...text];
  const out = pinyin(text, { type: 'array', toneType: 'none', v: true });
  // pinyin-pro gives one entry per character; should a version group non-Han runs, go char by char.
  const syllables = out.length === chars.length ? out : chars.map((c) => pinyin(c, { toneType: 'none', v: true }));
  return syllables.map((s) => s.toLowerCase());
}

function spell(text: string, given: string | undefined): SpelledText {
  const syllables = given !== undefined ? given.split(' ') : syllablesOf(text);
  return { text, syllables: syllables.length === [...text].length ? syllables : syllablesOf(text) };
}

/** Every area and service of a hall, in the hall's order. */
export function searchIndex(areas: readonly SearchableArea[]): SearchEntry[] {
  const departments = new Map<string, SpelledText>();
  const department = (d: string | undefined): SpelledText | null => {
    if (!d) return null;
    let s = departments.get(d);
    if (!s) departments.set(d, (s = spell(d, undefined)));
    return s;
  };
  return areas.flatMap((a) => [
    {
      kind: 'area' as const,
      areaId: a.id,
      serviceId: null,
      name: a.name,
      areaName: a.name,
      prefix: a.prefix,
      department: null,
      code: null,
      spelled: [spell(a.name, undefined)],
      spelledDepartment: null,
    },
    ...a.services.map((s) => ({
      kind: 'service' as const,
      areaId: a.id,
      serviceId: s.id,
      name: s.name,
      areaName: a.name,
      prefix: a.prefix,
      department: s.department ?? null,
      code: s.id.toLowerCase(),
      spelled: [s.name, ...(s.aliases ?? [])].map((text, i) => spell(text, s.pinyin?.[i])),
      spelledDepartment: department(s.department),
    })),
  ]);
}

const HAN = /\p{Script=Han}/u;
const DIGIT = /\d/;

/**
 * The last character index of a continuous match of `query[p…]` starting at character `k`, or -1.
 * Each character is typed as its whole syllable, its initial (`zh`/`ch`/`sh` too), or — the last
 * one — any start of its syllable.
 */
function matchFrom(syllables: readonly string[], k: number, query: string, p: number): number {
  const s = syllables[k];
  if (s === undefined || s === '') return -1;
  if (query.length - p <= s.length && s.startsWith(query.substring(p))) return k;
  if (query.charCodeAt(p) !== s.charCodeAt(0)) return -1;
  if (s.length > 1 && query.startsWith(s, p)) {
    const end = matchFrom(syllables, k + 1, query, p + s.length);
    if (end >= 0) return end;
  }
  if (s.length > 2 && s[1] === 'h' && query.startsWith(s.slice(0, 2), p)) {
    const end = matchFrom(syllables, k + 1, query, p + 2);
    if (end >= 0) return end;
  }
  return matchFrom(syllables, k + 1, query, p + 1);
}

function marksFor(spelled: SpelledText, query: string, han: boolean): number[] | null {
  if (han) {
    const at = spelled.text.indexOf(query);
    if (at < 0) return null;
    // Indexes count characters, as `[...name]` does (no astral characters in names, but be exact).
    const start = [...spelled.text.slice(0, at)].length;
    return [...query].map((_, i) => start + i);
  }
  const first = query.charCodeAt(0);
  const { syllables } = spelled;
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i]!.charCodeAt(0) !== first) continue;
    const end = matchFrom(syllables, i, query, 0);
    if (end >= 0) return Array.from({ length: end - i + 1 }, (_, j) => i + j);
  }
  return null;
}

/** Hits for what was typed, best first: name matches (at the start first), then aliases, then departments; areas before items, shorter names. */
export function searchServices(index: readonly SearchEntry[], typed: string, limit = 40): SearchHit[] {
  const query = typed.replace(/\s+/g, '').toLowerCase();
  if (query === '') return [];
  const han = HAN.test(query);
  const hits: SearchHit[] = [];
  // Digits are an item code (or its end, as a 办事指南 prints it): 11530400MB777001, 777001, 02.
  const byCode = DIGIT.test(query);
  for (const e of index) {
    const marks = marksFor(e.spelled[0]!, query, han);
    if (marks) {
      hits.push({ ...e, marks, alias: null, codeMatch: null });
      continue;
    }
    if (byCode && e.code !== null && e.code.includes(query)) {
      hits.push({ ...e, marks: [], alias: null, codeMatch: e.serviceId });
      continue;
    }
    const alias = e.spelled.slice(1).find((s) => marksFor(s, query, han));
    if (alias) hits.push({ ...e, marks: [], alias: alias.text, codeMatch: null });
    // An item also comes up by its department (公安局, 税务局), without marks.
    else if (e.spelledDepartment && marksFor(e.spelledDepartment, query, han)) hits.push({ ...e, marks: [], alias: null, codeMatch: null });
  }
  // A code that ends with what was typed before one that only contains it.
  const rank = (h: SearchHit) =>
    h.marks.length > 0 ? h.marks[0]! : h.codeMatch !== null ? (h.code!.endsWith(query) ? 300 : 400) : h.alias !== null ? 500 : 1000;
  hits.sort((a, b) => rank(a) - rank(b) || (a.kind === b.kind ? 0 : a.kind === 'area' ? -1 : 1) || a.name.length - b.name.length);
  return hits.slice(0, limit);
}

/** One department's items in an area, for browsing without typing (older citizens, no pinyin). */
export interface BrowseGroup {
  department: string | null;
  items: SearchEntry[];
}

/** The areas of an index in the hall's order, each with how many items it has. */
export function browseAreas(index: readonly SearchEntry[]): Array<{ entry: SearchEntry; items: number }> {
  const out: Array<{ entry: SearchEntry; items: number }> = [];
  for (const e of index) {
    if (e.kind === 'area') out.push({ entry: e, items: 0 });
    else {
      const area = out.find((a) => a.entry.areaId === e.areaId);
      if (area) area.items++;
    }
  }
  return out;
}

/** An area's items grouped by department, departments in the order their first item comes. */
export function browseArea(index: readonly SearchEntry[], areaId: string): BrowseGroup[] {
  const groups: BrowseGroup[] = [];
  for (const e of index) {
    if (e.kind !== 'service' || e.areaId !== areaId) continue;
    let g = groups.find((x) => x.department === e.department);
    if (!g) groups.push((g = { department: e.department, items: [] }));
    g.items.push(e);
  }
  return groups;
}
