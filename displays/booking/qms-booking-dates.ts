/**
 * The booking wizard's day step: every day up to the booking horizon, closed days shown closed (and
 * why: a public holiday), night and morning markets named. Fires `qms-booking-date` with the date.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { fireBookingEvent } from './booking-event';
import { bookingStepStyles } from './booking-step-styles';
import type { CalendarDay, PlacesResponse } from '../../server/protocol';
import { fill } from '../shared/words';
import { dateLabel, relativeDay, sessionText } from './date-words';
import { phoneStyles } from './phone-styles';
import { bookingDatesStyles } from './qms-booking-dates-styles';

@customElement('qms-booking-dates')
export class QmsBookingDates extends LitElement {
  static override styles = [phoneStyles, bookingStepStyles, bookingDatesStyles];

  /** Null while the calendar is on its way. */
  @property({ attribute: false }) days: CalendarDay[] | null = null;
  /** Places left on each day for the chosen service; null while unknown (the days show without them). */
  @property({ attribute: false }) places: PlacesResponse['days'] | null = null;
  /** The hall's today, for 今天 and 明天. */
  @property() today = '';
  /** The day chosen before, if the citizen came back to change it. */
  @property() chosen: string | null = null;
  @property() locale: Locale = 'zh-CN';

  override render() {
    const t = messages(this.locale).calendar;
    const w = t.booking;
    if (!this.days) return html`<h2>${w.stepDate}</h2><p>${t.common.loading}</p>`;
    return html`<h2>${w.stepDate}</h2>
      <div class="list days">
        ${this.days.map((d) => {
          const closed = d.sessions.length === 0;
          const places = closed ? undefined : this.places?.find((p) => p.date === d.date);
          // A day whose slots are all taken (or, today, all past) cannot be chosen.
          const full = places !== undefined && places.available === 0;
          const rel = relativeDay(d.date, this.today, this.locale);
          const kind = d.kind === 'holiday' || d.kind === 'makeup_workday' || closed ? t.dayKinds[d.kind] : '';
          return html`<button
            type="button"
            class="choice day ${closed ? 'closed' : full ? 'full' : 'open'}"
            data-date=${d.date}
            data-places=${places === undefined ? '' : places.available}
            ?disabled=${closed || full}
            aria-pressed=${d.date === this.chosen ? 'true' : 'false'}
            @click=${() => fireBookingEvent(this, 'qms-booking-date', d.date)}
          >
            <span class="when">${dateLabel(d.date, this.locale)}${rel ? html`<span class="rel">${rel}</span>` : nothing}</span>
            ${kind ? html`<span class="sub kind">${kind}</span>` : nothing}
            ${
              closed
                ? html`<span class="sub">${w.closed}</span>`
                : d.sessions.map((s) => html`<span class="sub ${s.kind === 'regular' ? '' : 'special'}">${sessionText(s, this.locale)}</span>`)
            }
            ${
              places === undefined
                ? nothing
                : html`<span class="places ${full ? 'none' : ''}">${full ? w.dayFull : fill(w.dayPlaces, { n: places.available })}</span>`
            }
          </button>`;
        })}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-dates': QmsBookingDates;
  }
}
