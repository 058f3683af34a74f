/**
 * The days a report covers: `from`/`to` as given (hall-local `YYYY-MM-DD`), checked, defaulting to
 * today.
 */
import { DomainError } from '../domain/errors';
import { addDays } from '../domain/time';

/** A year and a day: enough for an annual report, bounded so one request cannot read everything. */
export const MAX_REPORT_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDate(s: string): boolean {
  return DAY.test(s) && addDays(s, 0) === s;
}

/** What is wrong with a day given as `YYYY-MM-DD`, or null. */
export function reportDayProblem(s: string): string | null {
  return isDate(s) ? null : 'a date YYYY-MM-DD';
}

export interface DayRange {
  from: string;
  to: string;
}

/** The range of a report request, or a 400 naming the bad field. */
export function reportRange(query: { from?: string; to?: string }, today: string): DayRange {
  for (const field of ['from', 'to'] as const) {
    const v = query[field];
    if (v !== undefined && !isDate(v)) throw new DomainError('invalid_request', `${field}: a date YYYY-MM-DD`, { field });
  }
  const from = query.from ?? query.to ?? today;
  const to = query.to ?? (query.from !== undefined ? today : from);
  if (from > to) throw new DomainError('invalid_request', 'to: must not be before from', { field: 'to' });
  if (addDays(from, MAX_REPORT_DAYS - 1) < to) throw new DomainError('invalid_request', `to: at most ${MAX_REPORT_DAYS} days`, { field: 'to' });
  return { from, to };
}
