/**
 * Managing accounts: create (with a one-time password), edit, disable, enable, reset the password,
 * and the holder's own password change. Every write is a compare-and-set on the account's document,
 * recorded by the store with who and when; the password hash goes to the separate credential
 * document, so the account's history shows "must change password" and never a hash.
 * An administrator manages every account; a hall manager the clerks and devices of their own hall.
 */
import { hashPassword, verifyPassword } from '../auth/passwords';
import { ONE_TIME_PASSWORD_TTL_MS, oneTimePassword } from '../auth/one-time-password';
import { accountJson, accountKey, credentialKey, parseAccount, type Account, type AccountDirectory } from '../auth/accounts';
import { changesOwnPassword, HALL_LESS_ROLES, listsHalls, mayChangeRole, mayManage } from '../domain/account-rules';
import { DomainError } from '../domain/errors';
import { passwordProblems } from '../domain/password-policy';
import { isCommonPassword } from '../auth/common-passwords';
import { mayEnrolSecondFactor } from '../domain/second-factor-rules';
import type { SecondFactors } from '../auth/second-factor';
import type { Role } from '../domain/types';
import type { EventStore } from '../store/event-store';
import { messages, type Locale } from '../i18n';

export interface AccountInput {
  id: string;
  name: string;
  role: Role;
  hallId: string | null;
  /** A city manager's halls (required for one, refused for any other role). */
  hallIds?: string[];
  staffNo?: string | null;
}

export type AccountPatch = Partial<Pick<AccountInput, 'name' | 'role' | 'hallId' | 'hallIds' | 'staffNo'>>;

export interface AccountAdminDeps {
  store: EventStore;
  accounts: AccountDirectory;
  hallExists: (hallId: string) => boolean;
  /** The time changes are recorded at (the hall clock). */
  now: () => number;
}

export { mayManage };

/** What a reader of an account is shown: everything but nothing secret (the hash is not in it). */
export type AccountView = Account;

const MAX_RETRIES = 8;

export class AccountAdmin {
  constructor(private readonly deps: AccountAdminDeps) {}

  list(actor: Account, hallId: string | undefined): AccountView[] {
    return this.deps.accounts
      .all()
      .filter((a) => (hallId === undefined || a.hallId === hallId) && mayManage(actor, a))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async create(actor: Account, input: AccountInput): Promise<{ account: AccountView; oneTimePassword: string }> {
    const account: Account = {
      id: input.id,
      name: input.name,
      role: input.role,
      hallId: input.hallId,
      hallIds: input.hallIds ?? [],
      staffNo: input.staffNo ?? null,
      // A person chooses their own password at first sign-in; a device enrols by pairing code.
      mustChangePassword: changesOwnPassword(input.role),
      disabled: false,
      tokensValidAfter: 0,
      secondFactor: false,
    };
    this.checkShape(account);
    if (!mayManage(actor, account)) throw new DomainError('forbidden', `may not create a ${account.role} account in ${account.hallId ?? 'every hall'}`);
    if (this.deps.accounts.get(account.id) || (await this.deps.store.readDoc(accountKey(account.id)))) {
      throw new DomainError('account_exists', account.id);
    }
    const password = oneTimePassword(account.id);
    const hash = await hashPassword(password);
    // The account first, by compare-and-set: of two creates of one id only the winner sets a password.
    // Until its credential lands (milliseconds) it cannot sign in, which is harmless.
    const written = await this.deps.store.writeDoc(accountKey(account.id), 0, accountJson(account), { by: actor.id, at: this.deps.now() });
    if (!written.ok) throw new DomainError('account_exists', account.id);
    await this.writeCredential(actor, account.id, hash, this.deps.now() + ONE_TIME_PASSWORD_TTL_MS);
    this.deps.accounts.apply({ key: accountKey(account.id), version: written.version, value: accountJson(account) });
    return { account, oneTimePassword: password };
  }

  update(actor: Account, id: string, patch: AccountPatch): Promise<AccountView> {
    return this.change(actor, id, (a) => {
      const next: Account = { ...a, ...patch, staffNo: patch.staffNo === undefined ? a.staffNo : patch.staffNo };
      if (HALL_LESS_ROLES.has(next.role)) next.hallId = null;
      // Another role lists no halls (a city manager made a hall manager drops them).
      if (!listsHalls(next.role)) next.hallIds = [];
      // An account made a device holds no must-change flag: nobody at a kiosk could clear it.
      if (!changesOwnPassword(next.role)) next.mustChangePassword = false;
      this.checkShape(next);
      if (!mayManage(actor, next)) throw new DomainError('forbidden', `may not make ${id} a ${next.role} of ${next.hallId ?? 'every hall'}`);
      // Nobody gives themselves another duty (三员分立): another administrator must.
      if (!mayChangeRole(actor, id, a.role, next.role)) throw new DomainError('forbidden', "may not change one's own role");
      // A new role or hall changes what the account's tokens may do: they carry the old ones, so they end.
      if (next.role !== a.role || next.hallId !== a.hallId || next.hallIds.join() !== a.hallIds.join()) next.tokensValidAfter = Date.now();
      return next;
    });
  }

  setDisabled(actor: Account, id: string, disabled: boolean): Promise<AccountView> {
    if (disabled && actor.id === id) throw new DomainError('forbidden', 'may not disable oneself');
    return this.change(actor, id, (a) => ({ ...a, disabled, ...(disabled ? { tokensValidAfter: Date.now() } : {}) }));
  }

  async resetPassword(actor: Account, id: string): Promise<string> {
    this.managed(actor, id);
    const password = oneTimePassword(id);
    await this.writeCredential(actor, id, await hashPassword(password), this.deps.now() + ONE_TIME_PASSWORD_TTL_MS);
    await this.change(actor, id, (a) => ({ ...a, mustChangePassword: changesOwnPassword(a.role), tokensValidAfter: Date.now() }));
    return password;
  }

  /** The holder's own change: the old password proves it; every other token of the account ends. */
  async changePassword(id: string, oldPassword: string, newPassword: string, locale: Locale): Promise<Account> {
    const hash = await this.deps.accounts.passwordHash(id);
    if (!hash || !(await verifyPassword(oldPassword, hash))) throw new DomainError('wrong_password', 'the current password is wrong', { field: 'oldPassword' });
    const problems = passwordProblems(newPassword, id, isCommonPassword);
    if (problems.length > 0) {
      const words = messages(locale).passwordProblems;
      throw new DomainError('weak_password', `${problems.map((p) => words[p]).join('; ')} (${problems.join(', ')})`, { field: 'newPassword', problems });
    }
    const self = this.deps.accounts.get(id);
    if (!self) throw new DomainError('account_not_found', id);
    await this.writeCredential(self, id, await hashPassword(newPassword));
    return this.change(self, id, (a) => ({ ...a, mustChangePassword: false, tokensValidAfter: Date.now() }), true);
  }

  /** The holder's own enrolment (confirmed by a code): every earlier token of the account ends, the enrolment-only one too. */
  secondFactorEnrolled(self: Account): Promise<Account> {
    return this.change(self, self.id, (a) => ({ ...a, secondFactor: true, tokensValidAfter: Date.now() }), true);
  }

  /**
   * A security administrator removes a person's second factor (a lost phone, no recovery code
   * left): their tokens end, and they enrol again at their next sign-in. Never one's own.
   */
  async resetSecondFactor(actor: Account, id: string, factors: SecondFactors): Promise<Account> {
    if (actor.role !== 'security_admin') throw new DomainError('forbidden', 'only a security administrator resets second factors');
    if (actor.id === id) throw new DomainError('forbidden', "may not reset one's own second factor");
    const target = this.deps.accounts.get(id);
    if (!target) throw new DomainError('account_not_found', id);
    if (!mayEnrolSecondFactor(target.role)) throw new DomainError('forbidden', `a ${target.role} has no second factor`);
    await factors.reset(id, actor.id, this.deps.now());
    return this.change(actor, id, (a) => ({ ...a, secondFactor: false, tokensValidAfter: Date.now() }), true);
  }

  private managed(actor: Account, id: string): Account {
    const a = this.deps.accounts.get(id);
    if (!a) throw new DomainError('account_not_found', id);
    if (!mayManage(actor, a)) throw new DomainError('forbidden', `may not manage ${id}`);
    return a;
  }

  private checkShape(a: Account): void {
    if (listsHalls(a.role)) {
      if (a.hallIds.length === 0) throw new DomainError('invalid_request', 'hallIds: a city manager reports on at least one hall', { field: 'hallIds' });
      const unknown = a.hallIds.find((h) => !this.deps.hallExists(h));
      if (unknown !== undefined) throw new DomainError('invalid_request', `hallIds: no hall ${unknown}`, { field: 'hallIds' });
      if (new Set(a.hallIds).size !== a.hallIds.length) throw new DomainError('invalid_request', 'hallIds: a hall listed twice', { field: 'hallIds' });
    } else if (a.hallIds.length > 0) {
      throw new DomainError('invalid_request', `hallIds: only a city manager lists halls`, { field: 'hallIds' });
    }
    if (HALL_LESS_ROLES.has(a.role)) {
      if (a.hallId !== null) throw new DomainError('invalid_request', `a ${a.role} belongs to no hall`, { field: 'hallId' });
    } else if (a.hallId === null || !this.deps.hallExists(a.hallId)) {
      throw new DomainError('invalid_request', `hallId: no hall ${a.hallId ?? '(none)'}`, { field: 'hallId' });
    }
  }

  /** Read, change, compare-and-set; again from the fresh document when another write came first. */
  private async change(actor: Account, id: string, edit: (a: Account) => Account, self = false): Promise<Account> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const doc = await this.deps.store.readDoc(accountKey(id));
      if (!doc) throw new DomainError('account_not_found', id);
      const current = parseAccount(doc);
      if (!self && !mayManage(actor, current)) throw new DomainError('forbidden', `may not manage ${id}`);
      const next = edit(current);
      const value = accountJson(next);
      const written = await this.deps.store.writeDoc(doc.key, doc.version, value, { by: actor.id, at: this.deps.now() });
      if (written.ok) {
        // This node holds the change at once; the others within the store's notice.
        this.deps.accounts.apply({ key: doc.key, version: written.version, value });
        return next;
      }
    }
    throw new DomainError('store_unavailable', `account ${id} kept changing; try again`);
  }

  /** Stores a password hash; a one-time password's with the moment it stops working (`expiresAt`, epoch ms). */
  private async writeCredential(actor: Account, id: string, hash: string, expiresAt?: number): Promise<void> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const current = await this.deps.store.readDoc(credentialKey(id));
      const value = JSON.stringify(expiresAt === undefined ? { hash } : { hash, expiresAt });
      const written = await this.deps.store.writeDoc(credentialKey(id), current?.version ?? 0, value, { by: actor.id, at: this.deps.now() });
      if (written.ok) return;
    }
    throw new DomainError('store_unavailable', `password of ${id} kept changing; try again`);
  }
}
