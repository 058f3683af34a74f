/**
 * The calendar section's holidays and 调休 make-up days, one year at a time: China's official days
 * (marked 国务院通知 when the holiday data has that year's notice, 法定假日（待通知）when it has only
 * the statutory days) beside the hall's own additions and exceptions, which the manager adds (a
 * date range for holidays) and removes here. Changes go up as `qms-days-change`; the section saves.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import type { OfficialYear } from '../../server/domain/official-days';
import { readTypedDate } from '../../server/domain/calendar-rules';
import { addDays } from '../../server/domain/time';
import type { CalendarConfig } from '../../server/domain/types';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { adminStyles } from './admin-styles';
import { runLabel, runsOf } from './calendar-dates';
import { dateField, typedDateProblem } from './date-field';
import { daysStyles } from './qms-admin-calendar-styles';

/** The hall's own lists, as the section keeps them. */
export interface OwnDays {
  holidays: string[];
  makeupWorkdays: string[];
}

const MAX_RANGE_DAYS = 31;

@customElement('qms-admin-calendar-days')
export class QmsAdminCalendarDays extends LitElement {
  static override styles = [baseStyles, adminStyles, daysStyles];

  @property({ attribute: false }) calendar?: CalendarConfig;
  @property({ attribute: false }) official: ReadonlyMap<number, OfficialYear> = new Map();
  @property({ attribute: false }) years: number[] = [];
  @property({ attribute: false }) locale: Locale = 'zh-CN';

  @state() private _year: number | null = null;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _makeup = '';
  @state() private _formError = '';

  private get words() {
    return messages(this.locale).adminCalendar.calendar;
  }

  private get year(): number {
    return this._year ?? this.years[0] ?? new Date().getFullYear();
  }

  override render(): TemplateResult {
    const cal = this.calendar;
    if (!cal) return html``;
    const w = this.words;
    const year = this.year;
    const inYear = (d: string) => d.startsWith(`${year}-`);
    const official = this.official.get(year);
    const off = cal.officialHolidays === false;
    const ownHolidays = cal.holidays.filter(inYear).sort();
    const ownMakeup = cal.makeupWorkdays.filter(inYear).sort();
    return html`<div class="years" role="group" aria-label=${w.daysTitle}>
        ${this.years.map((y) => html`<button type="button" aria-pressed=${y === year} @click=${() => this._pickYear(y)}>${fill(w.year, { year: y })}</button>`)}
      </div>
      <div class="split">
        <section class=${off ? 'off' : ''} aria-label=${w.officialTitle}>
          <h3>
            ${w.officialTitle}
            ${official ? html`<span class="source ${official.source}">${official.source === 'notice' ? w.sourceNotice : w.sourceStatutory}</span>` : nothing}
          </h3>
          ${off ? html`<p class="note muted">${w.officialOff}</p>` : nothing}
          ${official?.source === 'statutory' ? html`<p class="note muted">${w.statutoryHint}</p>` : nothing}
          ${official ? this._officialList(official, cal) : html`<p class="muted">${messages(this.locale).calendar.common.loading}</p>`}
        </section>
        <section aria-label=${w.ownTitle}>
          <h3>${w.ownTitle}</h3>
          <dl>
            <dt>${w.ownHolidays}</dt>
            <dd>${this._ownChips(ownHolidays, 'holidays')}</dd>
            <dt>${w.ownMakeup}</dt>
            <dd>${this._ownChips(ownMakeup, 'makeupWorkdays')}</dd>
          </dl>
          <div class="adders">
            ${dateField({ label: w.rangeFrom, name: 'holiday-from', value: this._from, locale: this.locale, onInput: (v) => (this._from = v) })}
            ${dateField({ label: w.rangeTo, name: 'holiday-to', value: this._to, locale: this.locale, onInput: (v) => (this._to = v) })}
            <button type="button" @click=${this._addHolidays}>${w.addHolidays}</button>
          </div>
          <div class="adders">
            ${dateField({ label: w.makeupDate, name: 'makeup-date', value: this._makeup, locale: this.locale, onInput: (v) => (this._makeup = v) })}
            <button type="button" @click=${this._addMakeup}>${w.addMakeup}</button>
          </div>
          ${this._formError ? html`<p class="note bad" role="alert">${this._formError}</p>` : nothing}
        </section>
      </div>`;
  }

  private _officialList(official: OfficialYear, cal: CalendarConfig): TemplateResult {
    const w = this.words;
    const ownMakeup = new Set(cal.makeupWorkdays);
    const ownHolidays = new Set(cal.holidays);
    const chips = (dates: string[], kind: 'holiday' | 'makeup', overriddenBy: Set<string>) =>
      runsOf(dates).map((run) => {
        const overridden = dates.some((d) => d >= run[0] && d <= run[1] && overriddenBy.has(d));
        return html`<li class="chip ${kind} ${overridden ? 'overridden' : ''}" title=${overridden ? w.overridden : ''}>${runLabel(run, this.locale)}</li>`;
      });
    return html`<dl>
      <dt>${w.officialHolidaysLabel}</dt>
      <dd><ul class="chips">${chips(official.holidays, 'holiday', ownMakeup)}</ul></dd>
      <dt>${w.officialMakeupLabel}</dt>
      <dd>
        ${
          official.makeupWorkdays.length === 0
            ? html`<span class="muted">${w.noneOfficialMakeup}</span>`
            : html`<ul class="chips">${chips(official.makeupWorkdays, 'makeup', ownHolidays)}</ul>`
        }
      </dd>
    </dl>`;
  }

  /** One chip per run of consecutive days (2月5日–2月11日), removed as a whole. */
  private _ownChips(dates: string[], list: keyof OwnDays): TemplateResult {
    const w = this.words;
    if (dates.length === 0) return html`<span class="muted">${w.noOwn}</span>`;
    return html`<ul class="chips">
      ${runsOf(dates).map(([from, to]) => {
        const named = from === to ? from : `${from}–${to}`;
        return html`<li class="chip ${list === 'holidays' ? 'holiday' : 'makeup'}" data-date=${from} data-to=${to}>
          ${runLabel([from, to], this.locale)}
          <button type="button" aria-label=${fill(w.removeDay, { date: named })} @click=${() => this._removeRun(list, from, to)}>×</button>
        </li>`;
      })}
    </ul>`;
  }

  private _pickYear(year: number): void {
    this._year = year;
  }

  private _addHolidays = (): void => {
    const w = this.words;
    if (!this._from.trim()) return void (this._formError = w.dateMissing);
    const readFrom = readTypedDate(this._from);
    const readTo = this._to.trim() ? readTypedDate(this._to) : readFrom;
    if (!readFrom.ok) return void (this._formError = typedDateProblem(readFrom, this.locale));
    if (!readTo.ok) return void (this._formError = typedDateProblem(readTo, this.locale));
    const [from, to] = [readFrom.date, readTo.date];
    if (to < from) return void (this._formError = w.rangeWrong);
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      dates.push(d);
      if (dates.length > MAX_RANGE_DAYS) return void (this._formError = w.rangeTooLong);
    }
    this._change({ holidays: [...this.calendar!.holidays, ...dates.filter((d) => !this.calendar!.holidays.includes(d))] });
    this._from = '';
    this._to = '';
    this._showYearOf(from);
  };

  private _addMakeup = (): void => {
    if (!this._makeup.trim()) return void (this._formError = this.words.dateMissing);
    const read = readTypedDate(this._makeup);
    if (!read.ok) return void (this._formError = typedDateProblem(read, this.locale));
    const date = read.date;
    if (!this.calendar!.makeupWorkdays.includes(date)) this._change({ makeupWorkdays: [...this.calendar!.makeupWorkdays, date] });
    this._makeup = '';
    this._showYearOf(date);
  };

  private _removeRun(list: keyof OwnDays, from: string, to: string): void {
    this._change({ [list]: this.calendar![list].filter((d) => d < from || d > to) });
  }

  /** The section lists every year that has a day of the hall's own, so the year just added is there. */
  private _showYearOf(date: string): void {
    this._year = Number(date.slice(0, 4));
  }

  private _change(change: Partial<OwnDays>): void {
    this._formError = '';
    const days: OwnDays = {
      holidays: [...(change.holidays ?? this.calendar!.holidays)].sort(),
      makeupWorkdays: [...(change.makeupWorkdays ?? this.calendar!.makeupWorkdays)].sort(),
    };
    this.dispatchEvent(new CustomEvent<OwnDays>('qms-days-change', { detail: days }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-calendar-days': QmsAdminCalendarDays;
  }
}
