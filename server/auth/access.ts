/**
 * Who may do what, decided here for both transports: the HTTP routes' `authorize` hook and the
 * Socket.IO handshake (and its live re-check when an account changes) call the same functions.
 * A token is accepted only while it is not signed out, its account exists and is enabled, it was
 * issued after the account's `tokensValidAfter`, and (outside the password change) the account
 * does not still have to change a one-time password.
 */
import { isAdministrator } from '../domain/account-rules';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { Account, AccountDirectory } from './accounts';

/** What a signed token says about its bearer. */
export interface TokenPayload {
  sub: string;
  name: string;
  role: Role;
  /** Null: every hall (admin). */
  hallId: string | null;
  staffNo: string | null;
  /** When it was issued, epoch ms (JWT `iat` is whole seconds: too coarse to order a reset and a sign-in). */
  at?: number;
  /** A token that may only enrol a second factor: the account must have one and has none yet. */
  enrol?: boolean;
}

/** What a verified token holds besides its payload: its own id and when it expires (epoch seconds). */
export type SignedToken = TokenPayload & { jti?: string; exp?: number };

export interface AccessNeed {
  /** Roles allowed besides admin (who may do everything unless `exclusive`), or `any` signed-in role. */
  roles: readonly Role[] | 'any';
  /** Only `roles`: the system administrator is not implied (三员分立: security and audit duties). */
  exclusive?: boolean;
  /** The second-factor enrolment: open to a token that may do nothing else (`enrol`). */
  secondFactorSetup?: boolean;
  /** The hall acted in, if any. */
  hallId?: string;
  /** The one thing a token of an account that must change its password may do. */
  passwordChange?: boolean;
}

export interface AccessContext {
  store: EventStore;
  accounts: AccountDirectory;
}

/** `enrol`: the token may only enrol a second factor (and change a one-time password). */
export function tokenPayload(account: Account, at: number, enrol = false): TokenPayload {
  return { sub: account.id, name: account.name, role: account.role, hallId: account.hallId, staffNo: account.staffNo, at, ...(enrol ? { enrol: true } : {}) };
}

/** Whether a user may see and act in a hall at all. */
export function canAccessHall(user: Pick<TokenPayload, 'role' | 'hallId'>, hallId: string): boolean {
  return user.role === 'admin' || user.hallId === hallId;
}

/**
 * A city manager reads a hall they cover only where a route names their role (the forecast and
 * staffing advice); every other hall route stays closed to them.
 */
function coversHall(account: Account, need: AccessNeed): boolean {
  return (
    account.role === 'city_manager' &&
    need.roles !== 'any' &&
    need.roles.includes('city_manager') &&
    need.hallId !== undefined &&
    account.hallIds.includes(need.hallId)
  );
}

const revokedKey = (jti: string): string => `revoked-token:${jti}`;

/**
 * Signs a token out before it expires (server-side logout): its id is kept until its expiry, in the
 * store every node reads, so the token is refused everywhere from now on.
 */
export async function revokeToken(ctx: Pick<AccessContext, 'store'>, token: SignedToken): Promise<void> {
  if (!token.jti) return;
  const ttlMs = Math.max(1000, (token.exp ?? 0) * 1000 - Date.now() + 60_000);
  await ctx.store.putIfAbsent(revokedKey(token.jti), '1', ttlMs);
}

/** Whether a token was signed out. A token without an id predates sign-out and is refused too. */
export async function isRevoked(ctx: Pick<AccessContext, 'store'>, token: SignedToken): Promise<boolean> {
  if (!token.jti) return true;
  return (await ctx.store.get(revokedKey(token.jti))) !== null;
}

/**
 * The account behind a token as it is now, or the refusal: the part of the check that needs no
 * store round trip, so a node can re-run it on its open sockets whenever an account changes.
 */
export function accountAccess(account: Account | undefined, token: SignedToken, need: AccessNeed): Account {
  if (!account) throw new DomainError('unauthorized', 'account no longer exists');
  if (account.disabled) throw new DomainError('unauthorized', 'account disabled');
  if ((token.at ?? 0) < account.tokensValidAfter) throw new DomainError('unauthorized', 'token ended (password reset or account changed)');
  if (account.mustChangePassword && !need.passwordChange) throw new DomainError('password_change_required', 'change the one-time password first');
  if (token.enrol && !need.secondFactorSetup && !need.passwordChange)
    throw new DomainError('second_factor_enrolment_required', 'set up the second factor first');
  if (need.hallId !== undefined && !canAccessHall(account, need.hallId) && !coversHall(account, need))
    throw new DomainError('forbidden', `not allowed in hall ${need.hallId}`);
  // The system administrator may do everything but the security and audit administrators' duties.
  const implied = account.role === 'admin' && !need.exclusive;
  if (!implied && need.roles !== 'any' && !need.roles.includes(account.role)) {
    throw new DomainError('forbidden', `role ${account.role} may not do this`);
  }
  return account;
}

/** The whole check for a verified token: revocation, then the account as it is now. */
export async function checkAccess(ctx: AccessContext, token: SignedToken, need: AccessNeed): Promise<Account> {
  return (await checkAccessReading(ctx, token, need, [])).account;
}

/**
 * `checkAccess`, reading `alongside` keys of the store in the same round trip as the revocation (a
 * request's other lookup before its handler, such as a saved first answer): their values, in order.
 */
export async function checkAccessReading(
  ctx: AccessContext,
  token: SignedToken,
  need: AccessNeed,
  alongside: readonly string[],
): Promise<{ account: Account; values: Array<string | null> }> {
  // A token without an id predates sign-out and is refused (isRevoked).
  if (!token.jti) throw new DomainError('unauthorized', 'token signed out');
  const [revoked, ...values] = await ctx.store.getMany([revokedKey(token.jti), ...alongside]);
  if (revoked !== null) throw new DomainError('unauthorized', 'token signed out');
  return { account: accountAccess(ctx.accounts.get(token.sub), token, need), values };
}

const SESSION_SLOT_MS = 60_000;
const activityKey = (jti: string, slot: number): string => `admin-active:${jti}:${slot}`;

/**
 * An administrator's session ends after `idleMs` without a request (等保: 登录连接超时自动退出):
 * each request marks its minute in the store (every node sees it), and a request finding no mark
 * within the last `idleMs` is refused. `now` is the hall clock, so a test moves it instead of waiting.
 * The sign-in itself marks the first minute (`markActivity`).
 */
export async function checkIdle(ctx: Pick<AccessContext, 'store'>, token: SignedToken, now: number, idleMs: number): Promise<void> {
  if (!token.jti || !isAdministrator(token.role)) return;
  const slot = Math.floor(now / SESSION_SLOT_MS);
  const slots = Array.from({ length: Math.ceil(idleMs / SESSION_SLOT_MS) + 1 }, (_, i) => slot - i);
  const marks = await Promise.all(slots.map((s) => ctx.store.get(activityKey(token.jti!, s))));
  if (marks.every((m) => m === null)) throw new DomainError('session_idle', 'signed out after a while without activity');
  await markActivity(ctx, token, now, idleMs);
}

/** Marks `now`'s minute as active for an administrator's token (its sign-in, then each request). */
export async function markActivity(ctx: Pick<AccessContext, 'store'>, token: Pick<SignedToken, 'jti' | 'role'>, now: number, idleMs: number): Promise<void> {
  if (!token.jti || !isAdministrator(token.role)) return;
  // Kept a little past the idle time in real time too; only the hall clock's minutes are looked for.
  await ctx.store.putIfAbsent(activityKey(token.jti, Math.floor(now / SESSION_SLOT_MS)), '1', idleMs + 2 * SESSION_SLOT_MS);
}

/** The user a request acts as: the token's account as it is now (a changed role or hall holds at once). */
export function currentUser(account: Account, token: SignedToken): SignedToken {
  return { ...token, name: account.name, role: account.role, hallId: account.hallId, staffNo: account.staffNo };
}
