/**
 * A readable difference between two versions of a configuration document, for the change history:
 * the changed fields only, one line each, `windows[16].name: 3号窗口 → 综合受理3`. Lists of records
 * are matched by their `id` (or `code`), so removing one window does not make every later window
 * look changed; an added or removed record is one line naming it.
 */

export interface FieldChange {
  /** `windows[16].name`: list items by their id, other fields by name. */
  path: string;
  /** The value before, shown as words; undefined when the field (or record) is new. */
  before?: string;
  after?: string;
}

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(v: Json): string | undefined {
  if (!isRecord(v)) return undefined;
  const key = v.id ?? v.code;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/** A value in a line: plain text, a list joined, a record by its name (or its few fields). */
export function shown(v: Json): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Parsed JSON has no other primitives (no bigint, symbol or function).
  if (typeof v !== 'object') return '—';
  if (Array.isArray(v)) return v.every((x) => !isRecord(x) && !Array.isArray(x)) ? v.map(shown).join('、') : `[${v.map(shown).join('；')}]`;
  const record = v as Record<string, Json>;
  const name = record.name ?? record.text;
  const key = keyOf(record);
  if (typeof name === 'string') return key !== undefined && key !== name ? `${key} ${name}` : name;
  return Object.entries(record)
    .map(([k, x]) => `${k}=${shown(x)}`)
    .join(', ');
}

function walk(path: string, before: Json, after: Json, out: FieldChange[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...(before as Json[]), ...(after as Json[])].every((x) => keyOf(x) !== undefined);
    if (keyed) {
      const old = new Map(before.map((x) => [keyOf(x)!, x]));
      const now = new Map(after.map((x) => [keyOf(x)!, x]));
      for (const [k, x] of now) {
        if (old.has(k)) walk(`${path}[${k}]`, old.get(k), x, out);
        else out.push({ path: `${path}[${k}]`, after: shown(x) });
      }
      for (const [k, x] of old) if (!now.has(k)) out.push({ path: `${path}[${k}]`, before: shown(x) });
      return;
    }
    out.push({ path, before: shown(before), after: shown(after) });
    return;
  }
  // A record that appears or goes as a whole is listed field by field (`waitAlerts.tax.warnMinutes`).
  if ((isRecord(before) || before === undefined) && (isRecord(after) || after === undefined)) {
    before ??= {};
    after ??= {};
    const b = before as Record<string, Json>;
    const a = after as Record<string, Json>;
    for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
      walk(path ? `${path}.${field}` : field, b[field], a[field], out);
    }
    return;
  }
  out.push({ path, before: before === undefined ? undefined : shown(before), after: after === undefined ? undefined : shown(after) });
}

/** The changed fields from `before` (null: the document is new) to `after`. */
export function docDiff(before: Json, after: Json): FieldChange[] {
  const out: FieldChange[] = [];
  walk('', before ?? {}, after, out);
  return out;
}
