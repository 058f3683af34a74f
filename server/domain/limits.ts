/**
 * Every limit the server keeps, in one table, and the one rule that decides them: count first, then
 * decide. Each try is counted in the store (an atomic increment) before anything is checked, and
 * the count it got back decides whether it goes on, so a burst sent in parallel gets no more than
 * the same tries sent one after another (reading a counter and raising it after a slow check let
 * every parallel try through).
 *
 * Two kinds of limit:
 * - `every`: every try counts (public reads, bookings, opt-ins, a kiosk's tickets);
 * - `failures`: only tries that fail count (password and code guesses). The try is still counted
 *   first; one that succeeds is then given back, so a hall's staff signing in from one address are
 *   never limited by their own successes, while a burst of guesses is cut at the allowance.
 *
 * Pure: the limiter (`server/app/limiter.ts`) keeps the counters in the store and asks this module.
 */

export type LimitKind = 'every' | 'failures';

export interface LimitRule {
  kind: LimitKind;
  windowMs: number;
  /** Tries allowed per subject per window. */
  allowance: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The limits by name: what is limited, per what. Sign-in and the old-password check share their
 * counters: both are guesses at one account's password.
 */
export type LimitName =
  /** Wrong passwords from one client address, whichever usernames they name. */
  | 'password-address'
  /** Wrong passwords for one username, from whichever addresses (unknown usernames too). */
  | 'password-account'
  /** Wrong, used or expired pairing codes from one client address. */
  | 'pairing-address'
  /** Wrong pairing codes for one hall, from whichever addresses. */
  | 'pairing-hall'
  /** Tickets looked up by credential from one client address: page reads, sounds, phone sockets. */
  | 'public-ticket-address'
  /** Bookings and cancellations from one client address. */
  | 'booking-address'
  /** Text-reminder opt-ins from one client address. */
  | 'opt-in-address'
  /** Tickets one kiosk device takes. */
  | 'kiosk-tickets';

/** The allowances an operator may set (`QMS_…` settings); the rest are fixed here. */
export interface LimitSettings {
  loginFailuresPer15Minutes: number;
  loginFailuresPerAddressPer15Minutes: number;
  kioskTicketsPerMinute: number;
  notifyOptInsPerHour: number;
}

/** Wrong pairing codes per address per window: 10⁶ codes make guessing within these hopeless. */
export const PAIRING_FAILURES_ALLOWED = 5;
/** Wrong pairing codes per hall per window, from every address together. */
export const PAIRING_FAILURES_PER_HALL = 100;
/**
 * Public ticket looks per client address per minute. A phone looks once when its page opens and
 * is pushed everything after; the allowance is wide because a hall's guest Wi-Fi puts hundreds of
 * phones behind one address.
 */
export const PUBLIC_TICKET_READS_PER_MINUTE = 600;
/** Bookings and cancellations per client address per hour, so a script cannot fill or empty a day's slots. */
export const BOOKINGS_PER_HOUR = 20;

export const SIGN_IN_WINDOW_MS = 15 * MINUTE_MS;

export function limitTable(s: LimitSettings): Record<LimitName, LimitRule> {
  return {
    'password-address': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: s.loginFailuresPerAddressPer15Minutes },
    'password-account': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: s.loginFailuresPer15Minutes },
    'pairing-address': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: PAIRING_FAILURES_ALLOWED },
    'pairing-hall': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: PAIRING_FAILURES_PER_HALL },
    'public-ticket-address': { kind: 'every', windowMs: MINUTE_MS, allowance: PUBLIC_TICKET_READS_PER_MINUTE },
    'booking-address': { kind: 'every', windowMs: HOUR_MS, allowance: BOOKINGS_PER_HOUR },
    'opt-in-address': { kind: 'every', windowMs: HOUR_MS, allowance: s.notifyOptInsPerHour },
    'kiosk-tickets': { kind: 'every', windowMs: MINUTE_MS, allowance: s.kioskTicketsPerMinute },
  };
}

/** The fixed window `now` falls in: counters of different windows are different keys. */
export function windowOf(now: number, rule: LimitRule): number {
  return Math.floor(now / rule.windowMs);
}

/** The store key of one subject's tries (or, with `given-back`, its successes) in one window. */
export function limitKey(name: LimitName, subject: string, window: number, counter: 'tries' | 'given-back' = 'tries'): string {
  return `limit:${name}:${window}:${counter}:${subject}`;
}

/**
 * Whether the try that brought the counter to `tries` goes past the allowance, when `givenBack`
 * tries of the window succeeded (always 0 for an `every` limit). The try itself is among `tries`.
 */
export function isPastAllowance(rule: LimitRule, tries: number, givenBack: number): boolean {
  return tries - (rule.kind === 'failures' ? givenBack : 0) > rule.allowance;
}

/** What a refusal says (after the message table's words for `rate_limited`). */
export const LIMIT_REFUSALS: Record<LimitName, string> = {
  'password-address': 'too many wrong passwords from this address; wait 15 minutes',
  'password-account': 'too many wrong passwords for this account; wait 15 minutes',
  'pairing-address': 'too many wrong pairing codes from this address; wait 15 minutes',
  'pairing-hall': 'too many wrong pairing codes for this hall; wait 15 minutes',
  'public-ticket-address': 'too many ticket reads from this address',
  'booking-address': 'too many bookings from this address',
  'opt-in-address': 'too many opt-ins from this address',
  'kiosk-tickets': 'too many tickets from this kiosk',
};
