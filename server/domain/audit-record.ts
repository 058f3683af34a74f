/**
 * The audit trail's records and the rule that chains them. Each record carries the hash of the one
 * before it (`prev`) and its own (`hash`, over `prev` and every field of the record), so changing
 * or removing any record breaks the chain at that record and every check names it. Pure: the hash
 * function is passed in (SHA-256, or SM3 with QMS_CRYPTO=sm; each record names its own).
 */
import type { Role } from './types';

/**
 * What is recorded: sign-ins (and refused ones, with the name tried), password changes, every
 * change an administrator makes, every read of citizens' personal data, and every refusal of a
 * route that needs a role.
 */
export const AUDIT_KINDS = ['sign_in', 'sign_in_failed', 'password_change', 'admin_change', 'personal_data_export', 'access_refused'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The roles whose every change is recorded: whoever administers halls, accounts, security or the audit itself. */
export const ADMINISTRATOR_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'security_admin', 'audit_admin', 'manager', 'city_manager']);

/** What a caller says happened; the trail adds the place in the chain. */
export interface AuditFacts {
  kind: AuditKind;
  /** Epoch ms. */
  at: number;
  /** The account that acted, or (a refused sign-in) the name that was tried; null when unknown. */
  actor: string | null;
  role: string | null;
  /** The client's address as the server saw it (behind trusted proxies: the forwarded one). */
  address: string | null;
  method: string;
  /** The route pattern, never the raw URL (a ticket id in it is a citizen's credential). */
  route: string | null;
  status: number;
  hallId: string | null;
  /** The request's id, to find its log lines. */
  requestId: string | null;
}

export type ChainHash = 'sha256' | 'sm3';

export interface AuditRecord extends AuditFacts {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  alg: ChainHash;
  /** The previous record's hash (GENESIS for the first). */
  prev: string;
  hash: string;
}

/** The `prev` of record 1. */
export const GENESIS = '0'.repeat(64);

/** Longest actor name kept: a refused sign-in's name is whatever the client sent. */
export const ACTOR_MAX = 64;

/** The text a record's hash covers: its fields in one fixed order, whatever order they were stored in. */
export function hashedText(r: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([r.seq, r.alg, r.prev, r.at, r.kind, r.actor, r.role, r.address, r.method, r.route, r.status, r.hallId, r.requestId]);
}

export type HashFn = (alg: ChainHash, text: string) => string;

/** The record that follows `previous` (null: the first) in the chain. */
export function chainRecord(facts: AuditFacts, previous: { seq: number; hash: string } | null, alg: ChainHash, hash: HashFn): AuditRecord {
  const body: Omit<AuditRecord, 'hash'> = {
    seq: (previous?.seq ?? 0) + 1,
    alg,
    prev: previous?.hash ?? GENESIS,
    at: facts.at,
    kind: facts.kind,
    actor: facts.actor === null ? null : facts.actor.slice(0, ACTOR_MAX),
    role: facts.role,
    address: facts.address,
    method: facts.method,
    route: facts.route,
    status: facts.status,
    hallId: facts.hallId,
    requestId: facts.requestId,
  };
  return { ...body, hash: hash(alg, hashedText(body)) };
}

export type ChainBreak = { seq: number; problem: 'altered' | 'removed' | 'unreadable' };

export type ChainCheck = { ok: true; records: number; last: { seq: number; hash: string } | null } | ({ ok: false; records: number } & ChainBreak);

/** A stored record's text as a record, or null when it is not one. */
export function parseAuditRecord(text: string): AuditRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Partial<AuditRecord>;
  if (!Number.isInteger(r.seq) || typeof r.hash !== 'string' || typeof r.prev !== 'string' || (r.alg !== 'sha256' && r.alg !== 'sm3')) return null;
  if (typeof r.at !== 'number' || typeof r.kind !== 'string' || typeof r.method !== 'string' || typeof r.status !== 'number') return null;
  return {
    seq: r.seq!,
    alg: r.alg,
    prev: r.prev,
    at: r.at,
    kind: r.kind,
    actor: r.actor ?? null,
    role: r.role ?? null,
    address: r.address ?? null,
    method: r.method,
    route: r.route ?? null,
    status: r.status,
    hallId: r.hallId ?? null,
    requestId: r.requestId ?? null,
    hash: r.hash,
  };
}

/**
 * Walks a chain in store order and names the first record that was altered or removed: a record
 * whose hash does not match its fields was altered; a record whose `prev` is not the hash of the
 * record before it follows an altered one (re-hashed to look whole) or a removed one (its number
 * is missing). `from` is where the walk starts (the first record's seq, 1 for a whole chain).
 */
export class ChainVerifier {
  private previous: { seq: number; hash: string } | null;
  private count = 0;
  private broken: ChainBreak | null = null;

  constructor(
    private readonly hash: HashFn,
    start: { seq: number; hash: string } | null = null,
  ) {
    this.previous = start;
  }

  /** Takes the next stored record (its text); false once the chain is broken (later records change nothing). */
  add(text: string): boolean {
    if (this.broken) return false;
    const expectedSeq = (this.previous?.seq ?? 0) + 1;
    const r = parseAuditRecord(text);
    if (!r) {
      this.broken = { seq: expectedSeq, problem: 'unreadable' };
      return false;
    }
    this.count++;
    if (r.seq > expectedSeq) this.broken = { seq: expectedSeq, problem: 'removed' };
    else if (r.seq < expectedSeq) this.broken = { seq: r.seq, problem: 'altered' };
    else if (this.hash(r.alg, hashedText(r)) !== r.hash) this.broken = { seq: r.seq, problem: 'altered' };
    else if (r.prev !== (this.previous?.hash ?? GENESIS)) this.broken = { seq: this.previous?.seq ?? r.seq, problem: 'altered' };
    this.previous = { seq: r.seq, hash: r.hash };
    return this.broken === null;
  }

  result(): ChainCheck {
    if (this.broken) return { ok: false, records: this.count, ...this.broken };
    return { ok: true, records: this.count, last: this.previous };
  }
}
