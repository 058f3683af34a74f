/**
 * The change history of configuration documents, as admins read it: a hall's own documents (its
 * configuration and catalogue), or everything; secrets (password hashes) never leave the store.
 */
import { isPrivateDoc } from '../auth/accounts';
import type { DocChange, EventStore } from '../store/event-store';

export interface ChangeEntry {
  key: string;
  version: number;
  by: string;
  at: string;
  before: unknown;
  after: unknown;
}

const HISTORY_LIMIT = 1000;
const SECRET = /password|hash|secret|pairing/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !SECRET.test(k))
      .map(([k, v]) => [k, withoutSecrets(v)]),
  );
}

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return withoutSecrets(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Changes oldest first: of one hall's documents (`hallId`), or of every document (`null`). */
export async function changeHistory(store: EventStore, q: { hallId: string | null; since?: number; until?: number }): Promise<ChangeEntry[]> {
  const range = { since: q.since, until: q.until, limit: HISTORY_LIMIT };
  let changes: DocChange[];
  if (q.hallId === null) {
    // Credential documents (password hashes) are the store's alone: never listed, not even emptied.
    changes = (await store.docChanges(range)).filter((c) => !isPrivateDoc(c.key));
  } else {
    const keys = [`hall:${q.hallId}`, `catalogue:${q.hallId}`];
    const found = await Promise.all(keys.map((prefix) => store.docChanges({ ...range, prefix })));
    changes = found
      .flat()
      .filter((c) => keys.includes(c.key))
      .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key) || a.version - b.version);
  }
  return changes.map((c) => ({ key: c.key, version: c.version, by: c.by, at: new Date(c.at).toISOString(), before: parsed(c.before), after: parsed(c.after) }));
}

/**
 * One document as it was at `version` (its stored text), read from the change history; null when
 * the history has no such version of it. How a catalogue import is undone: the version before it
 * is written again as a new version, so the history keeps both the import and its undoing.
 */
export async function documentAt(store: EventStore, key: string, version: number): Promise<string | null> {
  const changes = await store.docChanges({ prefix: key, limit: Number.MAX_SAFE_INTEGER });
  return changes.find((c) => c.key === key && c.version === version)?.after ?? null;
}
