/**
 * The service catalogue (事项目录) as data a hall edits: items with their national code (事项编码),
 * name, area, department and aliases. An import is compared with what the hall has before it is
 * applied, so an administrator sees what would be added, changed and disabled.
 */

/** One service item. `code` is the national item code and never changes for an item. */
export interface CatalogueItem {
  code: string;
  name: string;
  areaId: string;
  department: string | null;
  /** Other names citizens use (身份证 for 居民身份证换领), searched like the name. */
  aliases: string[];
  /** A disabled item is kept (reports still name it) but no longer offered at the kiosk. */
  enabled: boolean;
  /** 材料清单: what a citizen brings for the item, shown when booking it. Absent: none listed. */
  materials?: string[];
}

/** One row of an import file, as read (strings, trimmed), with its line for problems. */
export interface CatalogueRow {
  line: number;
  code: string;
  name: string;
  /** An area's id or its name. */
  area: string;
  department: string;
  /** Separated by `;`, `；`, `,`, `，`, `、` or `|`. */
  aliases: string;
}

export type CatalogueProblemCode = 'missing_code' | 'bad_code' | 'missing_name' | 'name_too_long' | 'unknown_area' | 'duplicate_code' | 'too_many_aliases';

export interface CatalogueProblem {
  line: number;
  code: CatalogueProblemCode;
  /** The column the problem is in. */
  field: 'code' | 'name' | 'area' | 'aliases';
  /** The value as it was in the file. */
  value: string;
}

/**
 * What an import does with the items its file does not list: `merge` (the default) keeps them as
 * they are — a file of five rows adds and updates five items; `replace` disables them (kept, never
 * deleted), for a file that is the whole catalogue. Replace is an explicit, confirmed choice.
 */
export type CatalogueImportMode = 'merge' | 'replace';
export const CATALOGUE_IMPORT_MODES: readonly CatalogueImportMode[] = ['merge', 'replace'];

export interface CatalogueDiff {
  added: CatalogueItem[];
  changed: Array<{ before: CatalogueItem; after: CatalogueItem }>;
  /** Items the file no longer lists, disabled (`replace` only; `merge` keeps them). */
  disabled: CatalogueItem[];
  problems: CatalogueProblem[];
  /** The catalogue after the import (current order kept, new items appended in file order). */
  next: CatalogueItem[];
}

/** National codes are letters and digits (some with dashes); anything else is a typo or a shifted column. */
export const CATALOGUE_CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z-]{1,59}$/;
export const CATALOGUE_NAME_MAX = 120;
export const CATALOGUE_ALIASES_MAX = 20;
/** An item's 材料清单: at most this many entries, each at most this long. */
export const CATALOGUE_MATERIALS_MAX = 30;
export const CATALOGUE_MATERIAL_MAX = 80;

/** How aliases are separated in a file and in the console's alias field. */
const ALIAS_SEPARATORS = /[;；,，、|]/;

export function splitAliases(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(ALIAS_SEPARATORS)) {
    const alias = part.trim();
    if (alias && !out.includes(alias)) out.push(alias);
  }
  return out;
}

function sameItem(a: CatalogueItem, b: CatalogueItem): boolean {
  return (
    a.name === b.name &&
    a.areaId === b.areaId &&
    a.department === b.department &&
    a.enabled === b.enabled &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((x, i) => x === b.aliases[i])
  );
}

/**
 * Compares an import with the current catalogue. Rows with a problem are left out (and listed).
 * Items missing from the file are kept as they are (`merge`, the default) or, with `replace`,
 * disabled — never deleted, so history keeps their names. With any problem the caller should not
 * apply the import: `next` is what it would be without those rows.
 */
export function diffCatalogue(
  current: readonly CatalogueItem[],
  rows: readonly CatalogueRow[],
  areas: ReadonlyArray<{ id: string; name: string }>,
  mode: CatalogueImportMode = 'merge',
): CatalogueDiff {
  const areaByKey = new Map<string, string>();
  for (const a of areas) {
    areaByKey.set(a.id, a.id);
    areaByKey.set(a.name, a.id);
  }
  const problems: CatalogueProblem[] = [];
  const imported = new Map<string, CatalogueItem>();
  for (const row of rows) {
    const before = problems.length;
    if (!row.code) problems.push({ line: row.line, code: 'missing_code', field: 'code', value: row.code });
    else if (!CATALOGUE_CODE_PATTERN.test(row.code)) problems.push({ line: row.line, code: 'bad_code', field: 'code', value: row.code });
    else if (imported.has(row.code)) problems.push({ line: row.line, code: 'duplicate_code', field: 'code', value: row.code });
    if (!row.name) problems.push({ line: row.line, code: 'missing_name', field: 'name', value: row.name });
    else if ([...row.name].length > CATALOGUE_NAME_MAX) problems.push({ line: row.line, code: 'name_too_long', field: 'name', value: row.name });
    const areaId = areaByKey.get(row.area);
    if (!areaId) problems.push({ line: row.line, code: 'unknown_area', field: 'area', value: row.area });
    const aliases = splitAliases(row.aliases);
    if (aliases.length > CATALOGUE_ALIASES_MAX) problems.push({ line: row.line, code: 'too_many_aliases', field: 'aliases', value: row.aliases });
    if (problems.length > before || !areaId) continue;
    imported.set(row.code, { code: row.code, name: row.name, areaId, department: row.department || null, aliases, enabled: true });
  }

  const added: CatalogueItem[] = [];
  const changed: CatalogueDiff['changed'] = [];
  const disabled: CatalogueItem[] = [];
  const next: CatalogueItem[] = [];
  const known = new Set<string>();
  for (const item of current) {
    known.add(item.code);
    const after = imported.get(item.code);
    if (after) {
      if (!sameItem(item, after)) changed.push({ before: item, after });
      // A file has no 材料清单 column: the item keeps the list it had.
      next.push(item.materials ? { ...after, materials: item.materials } : after);
    } else if (item.enabled && mode === 'replace') {
      const off = { ...item, enabled: false };
      disabled.push(off);
      next.push(off);
    } else {
      next.push(item);
    }
  }
  for (const [code, item] of imported) {
    if (known.has(code)) continue;
    added.push(item);
    next.push(item);
  }
  return { added, changed, disabled, problems, next };
}

/** A service as halls offer it: an enabled catalogue item, its code as the service id. */
export interface OfferedService {
  id: string;
  name: string;
  department?: string;
  aliases: string[];
  /** 材料清单, when the item lists one. */
  materials?: string[];
}

const offeredByCatalogue = new WeakMap<readonly CatalogueItem[], Map<string, OfferedService[]>>();

/**
 * The services an area offers: the enabled items of the catalogue in that area, in catalogue
 * order. Every reader of "an area's services" (kiosk, booking, hall detail, ticket issue) goes
 * through here; the answer is computed once per catalogue array (documents are replaced, never
 * mutated, so a new version is a new array).
 */
export function servicesOf(catalogue: readonly CatalogueItem[], areaId: string): readonly OfferedService[] {
  let byArea = offeredByCatalogue.get(catalogue);
  if (!byArea) {
    byArea = new Map();
    for (const item of catalogue) {
      if (!item.enabled) continue;
      let list = byArea.get(item.areaId);
      if (!list) byArea.set(item.areaId, (list = []));
      list.push({
        id: item.code,
        name: item.name,
        ...(item.department ? { department: item.department } : {}),
        aliases: item.aliases,
        ...(item.materials?.length ? { materials: item.materials } : {}),
      });
    }
    offeredByCatalogue.set(catalogue, byArea);
  }
  return byArea.get(areaId) ?? [];
}

/** The first catalogue of a hall, from the services its configuration lists (ids become codes). */
export function catalogueFromAreas(
  areas: ReadonlyArray<{ id: string; services: ReadonlyArray<{ id: string; name: string; department?: string; materials?: string[] }> }>,
): CatalogueItem[] {
  return areas.flatMap((a) =>
    a.services.map((s) => {
      // Field by field (no spread): a province's first start builds this for 1,300 halls.
      const item: CatalogueItem = { code: s.id, name: s.name, areaId: a.id, department: s.department ?? null, aliases: [], enabled: true };
      if (s.materials?.length) item.materials = [...s.materials];
      return item;
    }),
  );
}
