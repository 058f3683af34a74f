/**
 * A date field for the console: type it as people write dates (2027/2/5, 2027-2-5, 2027年2月5日)
 * or pick it from the browser's calendar (an `input type=date` beside it). Under the field, what
 * was read — the real calendar day with its weekday — or what is wrong, in words (2027年2月没有30日).
 * The reading rule is the domain's (`readTypedDate`), so the console and the server agree.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { readTypedDate, type TypedDate } from '../../server/domain/calendar-rules';
import { messages, type Locale } from '../../server/i18n';
import { fill } from '../shared/words';
import { dayLabel } from './calendar-dates';

/** What to say about a typed date that is not a day: '' when it reads (or nothing is typed yet). */
export function typedDateProblem(read: TypedDate, locale: Locale): string {
  if (read.ok) return '';
  const w = messages(locale).adminCalendar.calendar;
  if (read.problem === 'unreadable') return w.dateWrong;
  if (read.month !== undefined && (read.month < 1 || read.month > 12)) return fill(w.dateNoSuchMonth, { month: read.month });
  return fill(w.dateNoSuchDay, {
    year: read.year ?? 0,
    month: read.month ?? 0,
    day: read.day ?? 0,
    mon: messages(locale).calendar.common.months[(read.month ?? 1) - 1] ?? '',
  });
}

export interface DateFieldOptions {
  label: string;
  name: string;
  value: string;
  locale: Locale;
  onInput: (value: string) => void;
  /** The short explanation shown when nothing is typed (e.g. 单日可不填). */
  hint?: string;
}

export function dateField(o: DateFieldOptions): TemplateResult {
  const w = messages(o.locale).adminCalendar.calendar;
  const typed = o.value.trim();
  const read = typed ? readTypedDate(typed) : null;
  const reading = read === null ? (o.hint ?? '') : read.ok ? fill(w.dateReads, { date: dayLabel(read.date, o.locale) }) : typedDateProblem(read, o.locale);
  return html`<label class="date-field"
    >${o.label}
    <span class="date-inputs">
      <input
        type="text"
        class="date"
        name=${o.name}
        inputmode="numeric"
        maxlength="16"
        autocomplete="off"
        placeholder=${w.datePlaceholder}
        aria-invalid=${read !== null && !read.ok ? 'true' : 'false'}
        aria-describedby=${`${o.name}-reading`}
        .value=${o.value}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      />
      <input
        type="date"
        class="date-pick"
        name=${`${o.name}-pick`}
        aria-label=${fill(w.datePick, { field: o.label })}
        .value=${read?.ok ? read.date : ''}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      />
    </span>
    <span class="date-reading ${read !== null && !read.ok ? 'bad' : ''}" id=${`${o.name}-reading`}>${reading || nothing}</span>
  </label>`;
}
