/**
 * The audit trail: records appended to the store as one hash chain (server/domain/audit-record.ts),
 * on both stores, by any number of nodes. Records asked for while an append is under way go
 * together in the next one (group commit); a node that loses a race to another re-reads the last
 * record and chains after it, so the chain never forks.
 */
import { digest, hashAlgorithmOf, type CryptoMode } from '../crypto/crypto-suite';
import { ChainVerifier, chainRecord, parseAuditRecord, type AuditFacts, type AuditRecord, type ChainCheck, type HashFn } from '../domain/audit-record';
import type { AuditEntry, AuditQuery, EventStore } from '../store/event-store';

/** Records read per round trip when walking the whole chain. */
const PAGE = 1000;
/** Tries before an append gives up on a trail other nodes keep winning (each loss means they progressed). */
const MAX_TRIES = 50;

export const chainHash: HashFn = (alg, text) => digest(alg, text);

/** A store that can move old audit records to an archive (Redis with PostgreSQL behind it). */
interface ArchivingStore {
  archiveAudit(expired: (entry: AuditEntry) => boolean): Promise<number>;
}

function archives(store: EventStore): store is EventStore & ArchivingStore {
  return typeof (store as Partial<ArchivingStore>).archiveAudit === 'function';
}

interface Pending {
  facts: AuditFacts;
  done: (err?: unknown) => void;
}

export class AuditTrail {
  /** The last record as this node knows it; undefined until read. */
  private tip: { seq: number; hash: string } | null | undefined;
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly opts: {
      store: EventStore;
      crypto: CryptoMode;
      /** Days records stay in the primary store before only the archive holds them. */
      keepDays: number;
    },
  ) {}

  /** Appends a record; resolves once the store holds it (rejects when the store is away). */
  record(facts: AuditFacts): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        facts,
        done: (err) => (err === undefined ? resolve() : reject(err instanceof Error ? err : new Error('audit record not stored', { cause: err }))),
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.appendChained(batch.map((p) => p.facts));
          for (const p of batch) p.done();
        } catch (err) {
          this.tip = undefined;
          for (const p of batch) p.done(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async appendChained(facts: readonly AuditFacts[]): Promise<void> {
    const alg = hashAlgorithmOf(this.opts.crypto);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      if (this.tip === undefined) this.tip = await this.readTip();
      let previous = this.tip;
      const records = facts.map((f) => {
        const r = chainRecord(f, previous, alg, chainHash);
        previous = { seq: r.seq, hash: r.hash };
        return r;
      });
      const result = await this.opts.store.appendAudit(
        this.tip?.seq ?? 0,
        records.map((r) => JSON.stringify(r)),
      );
      if (result.ok) {
        this.tip = previous;
        return;
      }
      this.tip = undefined; // another node appended first: chain after its records
    }
    throw new Error(`audit trail: ${MAX_TRIES} appends in a row lost to other writers`);
  }

  private async readTip(): Promise<{ seq: number; hash: string } | null> {
    const [last] = await this.opts.store.readAudit({ limit: 1, newestFirst: true });
    if (!last) return null;
    // An unreadable last record (tampered with) still has a place: the chain goes on from it, and verify names it.
    return { seq: last.seq, hash: parseAuditRecord(last.record)?.hash ?? '' };
  }

  /** Records as `query` asks; an unreadable one (tampered with) is left out here and named by `verify`. */
  async read(query: AuditQuery): Promise<AuditRecord[]> {
    const entries = await this.opts.store.readAudit(query);
    return entries.map((e) => parseAuditRecord(e.record)).filter((r): r is AuditRecord => r !== null);
  }

  /** Walks the whole chain, archive included, and names the first record altered or removed. */
  async verify(): Promise<ChainCheck> {
    return verifyEntries((after) => this.opts.store.readAudit({ after, limit: PAGE }));
  }

  /**
   * Moves records older than `keepDays` out of the primary store into the archive (PostgreSQL),
   * where there is one; without one the primary store keeps every record. How many moved.
   */
  async retain(now: number): Promise<number> {
    const store = this.opts.store;
    if (!archives(store)) return 0;
    const cutoff = now - this.opts.keepDays * 24 * 3600 * 1000;
    return store.archiveAudit((entry) => {
      const r = parseAuditRecord(entry.record);
      return r !== null && r.at < cutoff;
    });
  }
}

/** Verifies a chain read page by page (`page(after)` gives the entries after a place, in order). */
export async function verifyEntries(page: (after: number) => Promise<AuditEntry[]>): Promise<ChainCheck> {
  const verifier = new ChainVerifier(chainHash);
  let after = 0;
  for (;;) {
    const entries = await page(after);
    for (const e of entries) if (!verifier.add(e.record)) return verifier.result();
    if (entries.length === 0) return verifier.result();
    after = entries[entries.length - 1]!.seq;
  }
}
