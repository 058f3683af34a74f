/**
 * Finding a service item (事项) the way citizens type, at the kiosk and on the booking page: Chinese
 * characters, full pinyin (`budongchan`), initials (`bdc`) or a mix (`bdcdengji`). pinyin-pro does
 * the matching, polyphones included (银行 is yinhang); a hit lands the citizen in the area that
 * serves the item.
 */
import { match } from 'pinyin-pro';

/** What the index reads of a hall's areas (the kiosk's hall detail and the booking page's both fit). */
export interface SearchableArea {
  id: string;
  name: string;
  prefix: string;
  services: ReadonlyArray<{ id: string; name: string; department?: string }>;
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
}

export interface SearchHit extends SearchEntry {
  /** Indexes of the matched characters in `name`, to highlight. */
  marks: number[];
}

/** Every area and service of a hall, in the hall's order. */
export function searchIndex(areas: readonly SearchableArea[]): SearchEntry[] {
  return areas.flatMap((a) => [
    { kind: 'area' as const, areaId: a.id, serviceId: null, name: a.name, areaName: a.name, prefix: a.prefix, department: null },
    ...a.services.map((s) => ({ kind: 'service' as const, areaId: a.id, serviceId: s.id, name: s.name, areaName: a.name, prefix: a.prefix, department: s.department ?? null })),
  ]);
}

const HAN = /\p{Script=Han}/u;

function marksFor(name: string, query: string): number[] | null {
  if (HAN.test(query)) {
    const at = name.indexOf(query);
    return at < 0 ? null : [...query].map((_, i) => at + i);
  }
  return match(name, query, { continuous: true, insensitive: true, v: true });
}

/** Hits for what was typed, best first: matches at the start, then earlier matches, areas before items, shorter names. */
export function searchServices(index: SearchEntry[], typed: string, limit = 40): SearchHit[] {
  const query = typed.replace(/\s+/g, '').toLowerCase();
  if (query === '') return [];
  const hits: SearchHit[] = [];
  for (const e of index) {
    const marks = marksFor(e.name, query);
    if (marks && marks.length > 0) hits.push({ ...e, marks });
    // An item also comes up by its department (公安局, 税务局), without marks.
    else if (e.department && marksFor(e.department, query)) hits.push({ ...e, marks: [] });
  }
  const first = (h: SearchHit) => (h.marks.length === 0 ? 1000 : h.marks[0]!);
  hits.sort((a, b) => first(a) - first(b) || (a.kind === b.kind ? 0 : a.kind === 'area' ? -1 : 1) || a.name.length - b.name.length);
  return hits.slice(0, limit);
}
