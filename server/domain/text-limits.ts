/**
 * Text messages go only to numbers that asked, and not many to any one number (短信验证码, SMS
 * bombing): a number is proved by a 6-digit code texted to it and typed back on the phone page;
 * per number and per day — whoever asks and from whatever address — only a few codes, bookings
 * carrying it, tickets following it and appointment reminders. The counters are the store's atomic
 * `hit` (count first, then decide), so a burst in parallel gets no more than a sequence would.
 */

/** Verification codes texted to one number per day. */
export const CODES_PER_NUMBER_PER_DAY = 5;
/** Bookings that may carry one number per day (each is a reminder the evening before). */
export const BOOKINGS_PER_NUMBER_PER_DAY = 3;
/** Tickets one number may follow per day. */
export const TICKETS_PER_NUMBER_PER_DAY = 3;
/** Appointment reminders texted to one number per day. */
export const REMINDERS_PER_NUMBER_PER_DAY = 3;

export const CODE_DIGITS = 6;
/** A code is good for this long after it is sent. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes typed before the code is void (a new one must be asked for). */
export const CODE_TRIES = 5;

/** `n` (0 ≤ n < 10⁶) as the six digits texted. */
export function codeText(n: number): string {
  return String(n).padStart(CODE_DIGITS, '0');
}

export const CODE_PATTERN = `^\\d{${CODE_DIGITS}}$`;
