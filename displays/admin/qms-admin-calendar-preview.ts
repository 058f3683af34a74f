/**
 * The effect of the calendar being edited: the next 14 days from the hall's today, open or closed
 * and with which sessions, worked out by the hall's own rules (`mergeOfficialDays` then
 * `calendarDay`, as the engine does) — so what is shown is what the hall will do.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { mergeOfficialDays, type OfficialYear } from '../../server/domain/official-days';
import { calendarDay, type CalendarDay } from '../../server/domain/schedule';
import { addDays } from '../../server/domain/time';
import type { CalendarConfig } from '../../server/domain/types';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { adminStyles } from './admin-styles';
import { dayLabel } from './calendar-dates';
import { calendarStyles } from './qms-admin-calendar-styles';

export const PREVIEW_DAYS = 14;

/** The years the preview's dates fall in. */
export function previewYears(today: string): number[] {
  return [...new Set([today, addDays(today, PREVIEW_DAYS - 1)].map((d) => Number(d.slice(0, 4))))];
}

@customElement('qms-admin-calendar-preview')
export class QmsAdminCalendarPreview extends LitElement {
  static override styles = [baseStyles, adminStyles, calendarStyles];

  @property({ attribute: false }) calendar?: CalendarConfig;
  @property({ attribute: false }) official: ReadonlyMap<number, OfficialYear> = new Map();
  @property({ attribute: false }) today = '';
  @property({ attribute: false }) locale: Locale = 'zh-CN';
  @property({ type: Boolean }) unsaved = false;
  /** The calendar has problems: no days are worked out from it until they are put right. */
  @property({ type: Boolean }) invalid = false;

  override render(): TemplateResult {
    const t = messages(this.locale);
    const w = t.adminCalendar.calendar;
    const years = this.today ? previewYears(this.today) : [];
    if (this.invalid) return html`<p class="hint muted" role="status">${w.previewInvalid}</p>`;
    if (!this.calendar || !this.today || years.some((y) => !this.official.has(y))) return html`<p class="muted">${w.loading}</p>`;
    const merged = mergeOfficialDays(
      this.calendar,
      years.map((y) => this.official.get(y)!),
    );
    const days = Array.from({ length: PREVIEW_DAYS }, (_, i) => calendarDay(merged, addDays(this.today, i)));
    return html`<p class="hint muted">${w.previewHint} ${this.unsaved ? html`<span class="unsaved">${w.previewUnsaved}</span>` : nothing}</p>
      <table class="preview">
        <thead>
          <tr><th>${w.date}</th><th>${w.dayKind}</th><th>${w.sessions}</th></tr>
        </thead>
        <tbody>
          ${days.map((d) => this._row(d))}
        </tbody>
      </table>`;
  }

  private _row(day: CalendarDay): TemplateResult {
    const t = messages(this.locale);
    const w = t.adminCalendar.calendar;
    const own =
      (day.kind === 'holiday' && this.calendar!.holidays.includes(day.date)) ||
      (day.kind === 'makeup_workday' && this.calendar!.makeupWorkdays.includes(day.date));
    const kind = own ? (day.kind === 'holiday' ? w.previewOwnHoliday : w.previewOwnMakeup) : t.calendar.dayKinds[day.kind];
    const sessions = day.sessions
      .map((s) => fill(t.calendar.sessionWithTime, { session: t.calendar.sessions[s.kind], start: s.start, end: s.end }))
      .join(' · ');
    return html`<tr class="${day.kind} ${day.date === this.today ? 'today' : ''}" data-date=${day.date}>
      <td>${dayLabel(day.date, this.locale)}${day.date === this.today ? html`<span class="mark">${w.todayMark}</span>` : nothing}</td>
      <td>${kind}</td>
      <td class=${sessions ? '' : 'closed'}>${sessions || w.closed}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-calendar-preview': QmsAdminCalendarPreview;
  }
}
