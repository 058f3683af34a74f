/**
 * Who may sign in: every hall's staff and devices, and the deployment's administrators. Accounts are
 * documents in the store (`account:<id>`), their password hashes separate documents
 * (`credential:<id>`), so an account's change history never shows a hash and the history readers
 * leave the credential documents out (`isPrivateDoc`). Every node keeps the directory in memory and
 * follows the store's document notices, so a change made on one node holds on every node at once.
 */
import type { HallConfig, Role } from '../domain/types';
import type { ChangeAuthor, ConfigDoc, EventStore } from '../store/event-store';
import { changesOwnPassword, type AdministratorRole } from '../domain/account-rules';
import { hashPassword } from './passwords';
import { withSeededDocs } from '../store/seed-docs';

export interface Account {
  id: string;
  name: string;
  role: Role;
  /** Null: every hall (administrators), or the halls of `hallIds` (city managers). */
  hallId: string | null;
  /** The halls a city manager (`city_manager`) reports on; empty for every other role. */
  hallIds: string[];
  staffNo: string | null;
  /** Signed in with a one-time password: may only change it. */
  mustChangePassword: boolean;
  disabled: boolean;
  /** Epoch ms: tokens issued before this are refused (a reset password, a disabled account). */
  tokensValidAfter: number;
  /** Signs in with a second factor (TOTP, `server/auth/second-factor.ts`); its secret is a separate private document. */
  secondFactor: boolean;
}

/** An account as the configuration (or the demo) defines it: with its password hash, if any. */
export interface SeedAccount extends Account {
  passwordHash: string | null;
}

export interface AdminConfig {
  id: string;
  name: string;
  passwordHash: string;
  /** Which of the three administrators (三员): default `admin`, the system administrator. */
  role?: AdministratorRole;
}

export const ACCOUNT_PREFIX = 'account:';
export const CREDENTIAL_PREFIX = 'credential:';
/** An account's second factor (its TOTP secret, sealed, and its recovery codes, hashed). */
export const SECOND_FACTOR_PREFIX = 'second-factor:';
export const secondFactorKey = (id: string): string => `${SECOND_FACTOR_PREFIX}${id}`;
export const accountKey = (id: string): string => `${ACCOUNT_PREFIX}${id}`;
export const credentialKey = (id: string): string => `${CREDENTIAL_PREFIX}${id}`;

/** Documents no change-history reader may show: they hold password hashes. */
/** Documents kept out of the change history's answers: secrets, and the text-message log (citizens' visits, not configuration). */
const PRIVATE_PREFIXES = [CREDENTIAL_PREFIX, SECOND_FACTOR_PREFIX, 'webhook-secret:', 'notify-log:'];

export function isPrivateDoc(key: string): boolean {
  return PRIVATE_PREFIXES.some((p) => key.startsWith(p));
}

export { DEVICE_ROLES } from '../domain/account-rules';

const DEVICE_NAMES = { kiosk: '取号机', display: '显示屏', rating: '评价器' } as const;

export const DEMO_PASSWORD = 'demo';

/** The account of a stored document; throws on a document that is not one. */
export function parseAccount(doc: ConfigDoc): Account {
  const v = JSON.parse(doc.value) as Partial<Account>;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.role !== 'string') throw new Error(`${doc.key} is not an account`);
  return {
    id: v.id,
    name: v.name,
    role: v.role,
    hallId: v.hallId ?? null,
    hallIds: Array.isArray(v.hallIds) ? v.hallIds.filter((h): h is string => typeof h === 'string') : [],
    staffNo: v.staffNo ?? null,
    // Device accounts stored with the flag before devices were exempt (created like staff) read without it.
    mustChangePassword: v.mustChangePassword === true && changesOwnPassword(v.role),
    disabled: v.disabled === true,
    tokensValidAfter: typeof v.tokensValidAfter === 'number' ? v.tokensValidAfter : 0,
    secondFactor: v.secondFactor === true,
  };
}

export const accountJson = (a: Account): string =>
  JSON.stringify({
    id: a.id,
    name: a.name,
    role: a.role,
    hallId: a.hallId,
    hallIds: a.hallIds,
    staffNo: a.staffNo,
    mustChangePassword: a.mustChangePassword,
    disabled: a.disabled,
    tokensValidAfter: a.tokensValidAfter,
    secondFactor: a.secondFactor,
  });

export type AccountListener = (account: Account) => void;

export class AccountDirectory {
  private readonly byId = new Map<string, { version: number; account: Account }>();
  private readonly listeners = new Set<AccountListener>();
  private readonly unsubscribe: () => void;

  /**
   * Notices that arrive while `open` loads the directory, looked at once it is loaded: seeding a
   * province's 30,000 accounts announces each, and all but a concurrent change are then known.
   */
  private opening: Array<{ key: string; version: number }> | null = [];

  private constructor(
    private readonly store: EventStore,
    private readonly now: () => number,
  ) {
    this.unsubscribe = store.subscribeDocs((notice) => {
      if (!notice.key.startsWith(ACCOUNT_PREFIX)) return;
      if (this.opening) {
        this.opening.push(notice);
        return;
      }
      this.noticed(notice);
    });
  }

  private noticed(notice: { key: string; version: number }): void {
    if ((this.byId.get(notice.key.slice(ACCOUNT_PREFIX.length))?.version ?? 0) >= notice.version) return;
    this.store.readDoc(notice.key).then(
      (doc) => doc && this.apply(doc),
      () => {}, // the store is away; the next notice (or a restart) brings the directory up to date
    );
  }

  /**
   * The directory of the store's accounts, after writing the `seeds` that are absent (version 0 by
   * `system`: a conflict means another node seeded it first).
   */
  static async open(store: EventStore, seeds: readonly SeedAccount[], at: number, now: () => number = Date.now): Promise<AccountDirectory> {
    const dir = new AccountDirectory(store, now);
    const stored = await store.listDocs(ACCOUNT_PREFIX);
    const present = new Set(stored.map((d) => d.key));
    const absent = seeds.filter((seed) => !present.has(accountKey(seed.id)));
    const by: ChangeAuthor = { by: 'system', at };
    // The credentials first: an account that can be seen always has its password.
    await store.createDocs(
      absent.flatMap((seed) => (seed.passwordHash ? [{ key: credentialKey(seed.id), value: JSON.stringify({ hash: seed.passwordHash }) }] : [])),
      by,
    );
    // What this node creates is not read back: a restart with every account present reads them once, a first start never.
    for (const doc of await withSeededDocs(
      store,
      stored,
      absent.map((seed) => ({ key: accountKey(seed.id), value: accountJson(seed) })),
      by,
    ))
      dir.apply(doc);
    const noticed = dir.opening ?? [];
    dir.opening = null;
    for (const notice of noticed) dir.noticed(notice);
    return dir;
  }

  /** Takes a document just read or written; an older version than the one held is ignored. */
  apply(doc: ConfigDoc): void {
    const account = parseAccount(doc);
    const held = this.byId.get(account.id);
    if (held && held.version >= doc.version) return;
    this.byId.set(account.id, { version: doc.version, account });
    for (const l of this.listeners) l(account);
  }

  get(id: string): Account | undefined {
    return this.byId.get(id)?.account;
  }

  /** The document version the directory holds for `id` (0: none). */
  version(id: string): number {
    return this.byId.get(id)?.version ?? 0;
  }

  all(): Account[] {
    return [...this.byId.values()].map((e) => e.account);
  }

  /**
   * The stored password hash of `id`, read from the store each time (never kept in memory); null
   * when there is none, or it is a one-time password past its expiry (it then opens nothing).
   */
  async passwordHash(id: string): Promise<string | null> {
    const doc = await this.store.readDoc(credentialKey(id));
    if (!doc) return null;
    const v = JSON.parse(doc.value) as { hash?: unknown; expiresAt?: unknown };
    if (typeof v.expiresAt === 'number' && this.now() >= v.expiresAt) return null;
    return typeof v.hash === 'string' ? v.hash : null;
  }

  /** Told of every account change, on this node or another. */
  onChange(listener: AccountListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}

/**
 * The accounts of these halls, as the configuration defines them. With `demo`, accounts without a
 * hash get the demo password and an `admin` account exists; all demo accounts share one hash so
 * start-up stays fast.
 */
let demoHash: Promise<string> | null = null;

/**
 * The hash every demo account shares, worked out once per process (scrypt takes a while on
 * purpose); `buildApp` asks for it first thing, so it is hashed on the thread pool while the
 * configuration loads.
 */
export function demoPasswordHash(): Promise<string> {
  if (!demoHash) {
    const hashing = hashPassword(DEMO_PASSWORD);
    demoHash = hashing;
    hashing.catch(() => {
      if (demoHash === hashing) demoHash = null;
    });
  }
  return demoHash;
}

export async function seedAccounts(halls: HallConfig[], admins: AdminConfig[], demo: boolean): Promise<SeedAccount[]> {
  const demoHash = demo ? await demoPasswordHash() : null;
  // Built field by field: a spread of shared defaults per account is many times slower for a province's 32,000.
  const seed = (
    id: string,
    name: string,
    role: Role,
    hallId: string | null,
    staffNo: string | null,
    passwordHash: string | null,
    hallIds: string[] = [],
  ): SeedAccount => ({
    id,
    name,
    role,
    hallId,
    hallIds,
    staffNo,
    mustChangePassword: false,
    disabled: false,
    tokensValidAfter: 0,
    secondFactor: false,
    passwordHash,
  });
  const accounts: SeedAccount[] = admins.map((a) => seed(a.id, a.name, a.role ?? 'admin', null, null, a.passwordHash));
  // The demo's three administrators (三员分立). None has a second factor yet: each is asked to enrol at first sign-in.
  for (const [id, name, role] of [
    ['admin', '系统管理员', 'admin'],
    ['security', '安全管理员', 'security_admin'],
    ['auditor', '审计管理员', 'audit_admin'],
  ] as const) {
    if (demo && !admins.some((a) => a.id === id)) accounts.push(seed(id, name, role, null, null, demoHash));
  }
  if (demo && !admins.some((a) => a.id === 'city')) {
    // The demo's city manager (市级管理员): the reports across every hall of the demo.
    accounts.push(
      seed(
        'city',
        '市政务服务管理局',
        'city_manager',
        null,
        null,
        demoHash,
        halls.map((h) => h.id),
      ),
    );
  }
  for (const hall of halls) {
    for (const s of hall.staff) accounts.push(seed(s.id, s.name, s.role, hall.id, s.staffNo ?? null, s.passwordHash ?? demoHash));
    for (const d of hall.devices) accounts.push(seed(d.id, `${hall.name}${DEVICE_NAMES[d.kind]}`, d.kind, hall.id, null, d.passwordHash ?? demoHash));
  }
  const seen = new Set<string>();
  for (const a of accounts) {
    if (seen.has(a.id)) throw new Error(`account ${a.id} is defined twice`);
    seen.add(a.id);
  }
  return accounts;
}
