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
import type { ErrorCode } from './errors';
import { SECOND_FACTOR_ATTEMPTS_PER_WINDOW, SECOND_FACTOR_ATTEMPT_WINDOW_MS } from './second-factor-rules';
import {
  BOOKINGS_PER_NUMBER_PER_DAY,
  CODES_PER_NUMBER_PER_DAY,
  CODE_TRIES,
  CODE_TTL_MS,
  REMINDERS_PER_NUMBER_PER_DAY,
  TICKETS_PER_NUMBER_PER_DAY,
} from './text-limits';

export type LimitKind = 'every' | 'failures';

export interface LimitRule {
  kind: LimitKind;
  windowMs: number;
  /** Tries allowed per subject per window. */
  allowance: number;
  /**
   * The subject names its own window (a hall's local day, one texted code): its tries are counted
   * together until `windowMs` after the first, not in fixed windows of `windowMs` from the epoch,
   * which would cut a local day in two.
   */
  subjectWindow?: true;
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
  /** Public reads of a hall's expected waits (the best time to come) from one client address. */
  | 'public-read-address'
  /** Bookings and cancellations from one client address. */
  | 'booking-address'
  /** Text-reminder opt-ins from one client address. */
  | 'opt-in-address'
  /** Tickets one kiosk device takes. */
  | 'kiosk-tickets'
  /** Second-factor codes (and recovery codes) tried for one account, right or wrong. */
  | 'second-factor-account'
  /** Verification codes texted to one number in a local day (subject: day and the number's tag). */
  | 'sms-codes-number'
  /** Tries at one texted code (subject: the code's nonce). */
  | 'sms-code-tries'
  /** Tickets one number follows by text in a local day. */
  | 'sms-tickets-number'
  /** Bookings one number makes in a local day. */
  | 'sms-bookings-number'
  /** Reminders texted to one number in a local day. */
  | 'sms-reminders-number';

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
/**
 * Reads of a hall's best times per client address per minute: a booking page or a phone reads
 * once per choice; wide, as a hall's guest Wi-Fi puts hundreds of phones behind one address.
 */
export const PUBLIC_READS_PER_MINUTE = 600;
/** Bookings and cancellations per client address per hour, so a script cannot fill or empty a day's slots. */
export const BOOKINGS_PER_HOUR = 20;

export const SIGN_IN_WINDOW_MS = 15 * MINUTE_MS;
/** A local day's per-number counters outlive the day by an hour (a day is 23–25 hours of clock). */
const TEXT_DAY_MS = 25 * HOUR_MS;

export function limitTable(s: LimitSettings): Record<LimitName, LimitRule> {
  return {
    'password-address': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: s.loginFailuresPerAddressPer15Minutes },
    'password-account': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: s.loginFailuresPer15Minutes },
    'pairing-address': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: PAIRING_FAILURES_ALLOWED },
    'pairing-hall': { kind: 'failures', windowMs: SIGN_IN_WINDOW_MS, allowance: PAIRING_FAILURES_PER_HALL },
    'public-ticket-address': { kind: 'every', windowMs: MINUTE_MS, allowance: PUBLIC_TICKET_READS_PER_MINUTE },
    'public-read-address': { kind: 'every', windowMs: MINUTE_MS, allowance: PUBLIC_READS_PER_MINUTE },
    'booking-address': { kind: 'every', windowMs: HOUR_MS, allowance: BOOKINGS_PER_HOUR },
    'opt-in-address': { kind: 'every', windowMs: HOUR_MS, allowance: s.notifyOptInsPerHour },
    'kiosk-tickets': { kind: 'every', windowMs: MINUTE_MS, allowance: s.kioskTicketsPerMinute },
    'second-factor-account': { kind: 'every', windowMs: SECOND_FACTOR_ATTEMPT_WINDOW_MS, allowance: SECOND_FACTOR_ATTEMPTS_PER_WINDOW },
    'sms-codes-number': { kind: 'every', windowMs: TEXT_DAY_MS, allowance: CODES_PER_NUMBER_PER_DAY, subjectWindow: true },
    'sms-code-tries': { kind: 'every', windowMs: CODE_TTL_MS, allowance: CODE_TRIES, subjectWindow: true },
    'sms-tickets-number': { kind: 'every', windowMs: TEXT_DAY_MS, allowance: TICKETS_PER_NUMBER_PER_DAY, subjectWindow: true },
    'sms-bookings-number': { kind: 'every', windowMs: TEXT_DAY_MS, allowance: BOOKINGS_PER_NUMBER_PER_DAY, subjectWindow: true },
    'sms-reminders-number': { kind: 'every', windowMs: TEXT_DAY_MS, allowance: REMINDERS_PER_NUMBER_PER_DAY, subjectWindow: true },
  };
}

/** The fixed window `now` falls in (0 where the subject names its window): counters of different windows are different keys. */
export function windowOf(now: number, rule: LimitRule): number {
  return rule.subjectWindow ? 0 : Math.floor(now / rule.windowMs);
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

/** What a refusal answers: its code (429 `rate_limited` unless a limit has words of its own) and why. */
export const LIMIT_REFUSALS: Record<LimitName, { code: ErrorCode; message: string }> = {
  'password-address': { code: 'rate_limited', message: 'too many wrong passwords from this address; wait 15 minutes' },
  'password-account': { code: 'rate_limited', message: 'too many wrong passwords for this account; wait 15 minutes' },
  'pairing-address': { code: 'rate_limited', message: 'too many wrong pairing codes from this address; wait 15 minutes' },
  'pairing-hall': { code: 'rate_limited', message: 'too many wrong pairing codes for this hall; wait 15 minutes' },
  'public-ticket-address': { code: 'rate_limited', message: 'too many ticket reads from this address' },
  'public-read-address': { code: 'rate_limited', message: 'too many reads from this address' },
  'booking-address': { code: 'rate_limited', message: 'too many bookings from this address' },
  'opt-in-address': { code: 'rate_limited', message: 'too many opt-ins from this address' },
  'kiosk-tickets': { code: 'rate_limited', message: 'too many tickets from this kiosk' },
  'second-factor-account': { code: 'rate_limited', message: 'too many second-factor codes; wait 15 minutes' },
  'sms-codes-number': { code: 'too_many_codes', message: 'this number was sent the most codes allowed today' },
  'sms-code-tries': { code: 'sms_code_expired', message: 'too many wrong codes: ask for a new one' },
  'sms-tickets-number': { code: 'too_many_tickets', message: 'this number follows the most tickets allowed today' },
  'sms-bookings-number': { code: 'too_many_bookings', message: 'this number has made the most bookings allowed today' },
  'sms-reminders-number': { code: 'rate_limited', message: 'the number has had the most reminders allowed for the day' },
};
