/**
 * Appointments (预约): slots per area within the day's sessions, booking with a short check-in code,
 * check-in at the kiosk from 60 minutes before the slot until its end. An appointment lives in the
 * event log of the day it is for, so that day's hall state knows every booking.
 *
 * Codes are six digits: the day of month of the appointment, then four random digits. Bookings
 * reach at most `bookingDaysAhead` (< 28) days ahead, so the code alone names its date.
 */
import { bookingHorizon } from './booking-horizon';
import { DomainError } from './errors';
import { calendarDay } from './schedule';
import { addDays, localTime, minutesOf } from './time';
import type { AppointmentState, AreaConfig, HallConfig, HallState } from './types';

/** Check-in opens this long before the slot starts. */
export const CHECK_IN_BEFORE_MINUTES = 60;

export interface Slot {
  start: string;
  end: string;
  capacity: number;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function bookingDaysAhead(config: HallConfig): number {
  return bookingHorizon(config.calendar.bookingDaysAhead);
}

/** The bookable slots of an area on a date: whole slots inside each session of the day. */
export function slotsOn(config: HallConfig, area: AreaConfig, date: string): Slot[] {
  const settings = area.appointments;
  if (!settings) return [];
  const out: Slot[] = [];
  for (const s of calendarDay(config.calendar, date).sessions) {
    for (let m = minutesOf(s.start); m + settings.slotMinutes <= minutesOf(s.end); m += settings.slotMinutes) {
      out.push({ start: hhmm(m), end: hhmm(m + settings.slotMinutes), capacity: settings.capacity });
    }
  }
  return out;
}

/**
 * The slots of `date` a citizen can still book, with the places left in each: today only those that
 * have not ended by `nowMinute` (the hall's minute of the day; -1 for a later date). `state` is
 * the date's hall state (its bookings).
 */
export function bookableSlots(config: HallConfig, state: HallState, area: AreaConfig, date: string, nowMinute: number): Array<Slot & { available: number }> {
  return slotsOn(config, area, date)
    .filter((s) => minutesOf(s.end) > nowMinute)
    .map((s) => ({ ...s, available: Math.max(0, s.capacity - slotTaken(state, area.id, s.start)) }));
}

/** Bookings that hold a place in a slot (cancelled ones free theirs). */
export function slotTaken(state: HallState, areaId: string, start: string): number {
  let n = 0;
  for (const a of state.appointments.values()) if (a.areaId === areaId && a.start === start && a.status !== 'cancelled') n++;
  return n;
}

/** Keeps the first three and last four digits: 13812345678 → 138****5678 (a +86 prefix dropped). */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length < 7) throw new DomainError('invalid_request', 'phone: not a phone number', { field: 'phone' });
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** The date (within the booking horizon around `today`) a code belongs to, or null. */
export function dateOfCode(code: string, today: string, daysAhead: number): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  const dom = code.slice(0, 2);
  for (let d = -1; d <= daysAhead; d++) {
    const date = addDays(today, d);
    if (date.slice(8, 10) === dom) return date;
  }
  return null;
}

/** A fresh code for a booking on `date` (day of month + four digits), unused that day. */
export function newAppointmentCode(state: HallState, date: string, random4: () => string): string {
  for (let i = 0; i < 50; i++) {
    const code = `${date.slice(8, 10)}${random4()}`;
    if (!state.appointmentCodes.has(code)) return code;
  }
  throw new DomainError('slot_full', 'no free appointment code left for this day');
}

/**
 * A code checked in on another day than its own: refused as early or late when that day (whose
 * state is given) knows the code, as not found otherwise.
 */
export function refuseCheckInOnOtherDay(dayState: HallState, code: string, today: string): never {
  if (!dayState.appointmentCodes.has(code)) throw new DomainError('appointment_not_found', `no appointment ${code}`);
  throw new DomainError(dayState.day > today ? 'appointment_too_early' : 'appointment_too_late', `the appointment is on ${dayState.day}`);
}

/** Whether an appointment may check in at `now`: from 60 minutes before its start until its end. */
export function checkInWindow(appt: AppointmentState, now: number, timeZone: string): 'early' | 'late' | 'ok' {
  const local = localTime(now, timeZone);
  if (local.date < appt.date) return 'early';
  if (local.date > appt.date) return 'late';
  if (local.minuteOfDay < minutesOf(appt.start) - CHECK_IN_BEFORE_MINUTES) return 'early';
  if (local.minuteOfDay >= minutesOf(appt.end)) return 'late';
  return 'ok';
}
