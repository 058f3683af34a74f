/**
 * The booking wizard's first step: the latest booking on this phone (to find its code again), a
 * search over the bookable service items by name or pinyin (`gjj`, `gongjijin`), and the areas.
 * Fires `qms-booking-choose` with `{areaId, serviceId}`, `qms-booking-show-last` with the remembered
 * appointment, and `qms-booking-cancel-by-code`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { searchIndex, searchServices, type SearchEntry, type SearchHit } from '../shared/service-search';
import { fill } from '../shared/words';
import { fireBookingEvent } from './booking-event';
import type { AppointmentView, BookableArea } from '../../server/protocol';
import { bookingStepStyles } from './booking-step-styles';
import { dateLabel } from './date-words';
import { phoneStyles } from './phone-styles';
import { bookingAreaStyles } from './qms-booking-area-styles';

const MAX_HITS = 40;

export interface BookingChoice {
  areaId: string;
  serviceId: string | null;
}

@customElement('qms-booking-area')
export class QmsBookingArea extends LitElement {
  static override styles = [phoneStyles, bookingStepStyles, bookingAreaStyles];

  /** The areas that take appointments. */
  @property({ attribute: false }) areas: BookableArea[] = [];
  /** The booking this phone remembers, if it is not in the past. */
  @property({ attribute: false }) last: AppointmentView | null = null;
  @property() locale: Locale = 'zh-CN';

  @state() private _query = '';
  private _index: SearchEntry[] = [];

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('areas')) this._index = searchIndex(this.areas);
  }

  override render() {
    const t = messages(this.locale).calendar;
    const w = t.booking;
    const hits = searchServices(this._index, this._query, MAX_HITS);
    const last = this.last;
    return html`
      <p class="intro">${w.intro}</p>
      ${
        last
          ? html`<section class="card last">
            <h2>${w.lastBooking}</h2>
            <p><span class="muted">${w.codeLabel}</span> <span class="code">${last.code}</span></p>
            <p>${dateLabel(last.date, this.locale)} ${fill(t.common.timeRange, { start: last.start, end: last.end })}</p>
            <p>${this.areas.find((a) => a.id === last.areaId)?.name ?? ''}${last.status !== 'booked' ? html` · <strong>${w.status[last.status]}</strong>` : nothing}</p>
            <button type="button" class="primary open-last" @click=${() => this._fire('qms-booking-show-last', last)}>${w.showLast}</button>
          </section>`
          : nothing
      }
      <h2>${w.stepArea}</h2>
      <label class="search"
        >${w.searchLabel}
        <input
          name="search"
          type="search"
          autocomplete="off"
          placeholder=${w.searchPlaceholder}
          .value=${this._query}
          @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
      /></label>
      ${
        this._query.trim()
          ? html`<p class="muted" role="status">${hits.length ? fill(w.searchCount, { n: hits.length }) : w.searchEmpty}</p>
            <div class="list hits">${hits.map((h) => this._hit(h))}</div>`
          : nothing
      }
      <h2>${w.orArea}</h2>
      <div class="list areas">
        ${this.areas.map(
          (a) => html`<button type="button" class="choice area" @click=${() => this._fire('qms-booking-choose', { areaId: a.id, serviceId: null })}>
            <span class="name"><span class="prefix" aria-hidden="true">${a.prefix}</span>${a.name}</span>
          </button>`,
        )}
      </div>
      <button type="button" class="link cancel-by-code" @click=${() => this._fire('qms-booking-cancel-by-code', null)}>${w.cancelByCode}</button>
    `;
  }

  /** A hit with the matched characters marked, as on the kiosk. */
  private _hit(h: SearchHit) {
    const marked = new Set(h.marks);
    const name = [...h.name].map((ch, i) => (marked.has(i) ? html`<mark>${ch}</mark>` : ch));
    return html`<button type="button" class="choice hit" data-kind=${h.kind} @click=${() => this._fire('qms-booking-choose', { areaId: h.areaId, serviceId: h.serviceId })}>
      <span class="name">${h.kind === 'area' ? html`<span class="prefix" aria-hidden="true">${h.prefix}</span>` : nothing}${name}</span>
      ${h.kind === 'service' ? html`<span class="sub">${h.areaName}</span>` : nothing}
    </button>`;
  }

  private _fire(type: `qms-booking-${string}`, detail: unknown): void {
    fireBookingEvent(this, type, detail);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-area': QmsBookingArea;
  }
}
