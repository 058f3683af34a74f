/**
 * The days a forecast request may ask for: from today up to the last day forecast, `from`/`to`
 * defaulting to that whole span; anything else is a 400 naming the field.
 */
import { isCalendarDate } from './calendar-rules';
import { DomainError } from './errors';
import { addDays } from './time';

export function forecastRange(query: { from?: string; to?: string }, today: string, days: number): { from: string; to: string } {
  const last = addDays(today, days - 1);
  for (const field of ['from', 'to'] as const) {
    const v = query[field];
    if (v === undefined) continue;
    if (!isCalendarDate(v)) throw new DomainError('invalid_request', `${field}: a date YYYY-MM-DD`, { field });
    if (v < today || v > last) throw new DomainError('invalid_request', `${field}: the forecast covers ${today} to ${last}`, { field });
  }
  const from = query.from ?? today;
  const to = query.to ?? last;
  if (from > to) throw new DomainError('invalid_request', 'to: must not be before from', { field: 'to' });
  return { from, to };
}
