/**
 * The embedded store's current configuration documents as one file (`config-docs.snapshot`), so a
 * start reads them instead of replaying every change the journal (`config-changes.jsonl`) holds.
 *
 * Why: the journal keeps every change with its before and after (the change history), each value
 * JSON inside JSON; a province's first start alone writes 77 MB of it, and replaying that was ~2 s of
 * a 1,300-hall node's start. The snapshot holds each document once, its value as written (no escaping
 * to undo), so reading it is one decode and slicing.
 *
 * It can never be stale: it names the journal prefix it was made from (its length and SHA-256), and a
 * start uses it only when the journal begins with exactly those bytes — the journal is append-only,
 * so the documents after that prefix are the snapshot's, then the changes after it replayed. A journal
 * replaced (a restore), cut or edited no longer matches, and the journal is replayed whole, as before
 * snapshots. It holds nothing the journal does not (accounts' password hashes are in both, never a
 * password), and is written aside and renamed over, so a crash leaves the old one or the new.
 *
 * Format (UTF-8): a JSON header line `{format, journalBytes, journalSha256, docs}`, then per document
 * `<key length>:<key><version>:<value length>:<value>` (lengths in UTF-16 code units, as JavaScript
 * counts them) — raw values, found by position, never parsed here.
 */
import type { ConfigDoc } from './event-store';

export const SNAPSHOT_FORMAT = 'qms-config-docs/1';

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  /** The journal prefix the documents are the result of: its length in bytes and SHA-256 (hex). */
  journalBytes: number;
  journalSha256: string;
  docs: number;
}

/** A lone surrogate would not survive UTF-8 (it becomes U+FFFD, the same length): such a value is not snapshotted. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A document that cannot be kept exactly: the snapshot is given up (the journal is replayed instead). */
export class UnsnapshottableDoc extends Error {}

/**
 * The snapshot's text, a piece of a few hundred documents at a time (the writer gives the event loop
 * back between pieces); throws `UnsnapshottableDoc` at a document UTF-8 cannot hold exactly.
 */
export function* snapshotPieces(docs: readonly ConfigDoc[], journal: { bytes: number; sha256: string }): Generator<string> {
  const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, journalBytes: journal.bytes, journalSha256: journal.sha256, docs: docs.length };
  yield `${JSON.stringify(header)}\n`;
  for (let from = 0; from < docs.length; from += 512) {
    const piece: string[] = [];
    for (const { key, version, value } of docs.slice(from, from + 512)) {
      if (LONE_SURROGATE.test(key) || LONE_SURROGATE.test(value)) throw new UnsnapshottableDoc(key);
      piece.push(`${key.length}:${key}${version}:${value.length}:${value}`);
    }
    yield piece.join('');
  }
}

/** The header of a snapshot file, or null when it is not one (another format, torn, empty). */
export function snapshotHeader(file: Buffer): { header: SnapshotHeader; bodyAt: number } | null {
  const nl = file.indexOf(0x0a);
  if (nl < 0) return null;
  try {
    const header = JSON.parse(file.toString('utf8', 0, nl)) as SnapshotHeader;
    if (
      header.format !== SNAPSHOT_FORMAT ||
      !Number.isSafeInteger(header.journalBytes) ||
      typeof header.journalSha256 !== 'string' ||
      !Number.isSafeInteger(header.docs)
    )
      return null;
    return { header, bodyAt: nl + 1 };
  } catch {
    return null;
  }
}

/** The documents of a snapshot's body, or null when it is not whole (fewer documents than its header says, or malformed). */
export function decodeSnapshot(file: Buffer, at: { header: SnapshotHeader; bodyAt: number }): ConfigDoc[] | null {
  const text = file.toString('utf8', at.bodyAt);
  const docs: ConfigDoc[] = [];
  let i = 0;
  const number = (): number | null => {
    const colon = text.indexOf(':', i);
    if (colon < 0) return null;
    const n = Number(text.slice(i, colon));
    i = colon + 1;
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  };
  while (i < text.length) {
    const keyLength = number();
    if (keyLength === null || i + keyLength > text.length) return null;
    const key = text.slice(i, i + keyLength);
    i += keyLength;
    const version = number();
    const valueLength = version === null ? null : number();
    if (version === null || valueLength === null || i + valueLength > text.length) return null;
    docs.push({ key, version, value: text.slice(i, i + valueLength) });
    i += valueLength;
  }
  return docs.length === at.header.docs ? docs : null;
}
