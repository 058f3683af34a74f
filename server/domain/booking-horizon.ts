/**
 * How far ahead citizens may book: the booking page offers the days up to the horizon, the server
 * refuses dates beyond it. Appointment codes carry only the day of month, so the horizon stays
 * under four weeks whatever a hall configures.
 */
import { addDays } from './time';

export const DEFAULT_BOOKING_DAYS_AHEAD = 14;
/** Beyond this a day of month would name two dates. */
export const MAX_BOOKING_DAYS_AHEAD = 27;

/** Days ahead a hall takes bookings, from its configured value (absent: the default). */
export function bookingHorizon(configured: number | undefined): number {
  return Math.min(MAX_BOOKING_DAYS_AHEAD, configured ?? DEFAULT_BOOKING_DAYS_AHEAD);
}

/** The last bookable date (`YYYY-MM-DD`) seen from `today`. */
export function lastBookableDay(today: string, configured: number | undefined): string {
  return addDays(today, bookingHorizon(configured));
}
