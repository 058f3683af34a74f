/**
 * The citizen's booking page (`/book?hall=yuxi`, phone-sized, no sign-in): choose an area or find a
 * service by name, a day within the booking horizon (closed days shown closed, night and morning
 * markets named), a time with places left, an optional mobile number; then the receipt with the
 * check-in code large. The latest booking stays on the phone so the code can be found again.
 *
 * "Today" is the phone's clock read in the hall's time zone; the server checks every date again.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { addDays, localDate } from '../../server/domain/time';
import { Api, ApiFailure, messageFor } from '../shared/api';
import { queryParam } from '../shared/session';
import { fill, pageLocale } from '../shared/words';
import type { AppointmentView, BookableArea, BookingHall, CalendarDay, SlotsResponse, SlotView } from '../../server/protocol';
import { dateLabel, relativeDay, sessionOf, sessionText } from './date-words';
import { loadLastBooking, saveLastBooking } from './last-booking';
import { phoneStyles } from './phone-styles';
import './qms-booking-receipt';
import { applyLocale } from './qms-lang-switch';

type Step = 'area' | 'date' | 'slot' | 'phone' | 'receipt' | 'cancel-code';

const MAX_HITS = 40;
const DEFAULT_DAYS_AHEAD = 14;
/** A mainland mobile number, optionally with +86; spaces and dashes are allowed while typing. */
const MOBILE = /^(?:\+?86)?1\d{10}$/;

interface Choice {
  areaId: string;
  serviceId: string | null;
}

@customElement('qms-booking')
export class QmsBooking extends LitElement {
  static override styles = [
    phoneStyles,
    css`
      .intro {
        font-size: 20px;
      }
      .list {
        display: grid;
        gap: 10px;
      }
      button.choice {
        display: grid;
        gap: 2px;
        width: 100%;
      }
      .choice .name {
        font-size: 22px;
        font-weight: 800;
      }
      .choice .sub {
        font-size: 18px;
        color: var(--p-muted);
      }
      .prefix {
        display: inline-block;
        min-width: 1.6em;
        margin-right: 8px;
        padding: 0 6px;
        border: 2px solid #111;
        border-radius: 6px;
        text-align: center;
        font-weight: 900;
      }
      button.day[aria-pressed='true'],
      button.slot[aria-pressed='true'],
      button.choice[aria-pressed='true'] {
        border-width: 5px;
        background: var(--p-soft);
      }
      button.day[aria-pressed='true']::after,
      button.slot[aria-pressed='true']::after {
        content: '✔';
        font-weight: 900;
      }
      button.day .when {
        font-size: 22px;
        font-weight: 800;
      }
      .rel {
        margin-left: 8px;
        padding: 0 8px;
        border: 2px solid #111;
        border-radius: 999px;
        font-size: 17px;
        font-weight: 700;
      }
      .special {
        font-weight: 800;
      }
      .special::before {
        content: '＋ ';
      }
      button.closed {
        border-style: dashed;
        color: #333;
        background: repeating-linear-gradient(135deg, #fff 0 10px, #ececec 10px 20px);
      }
      button.closed .when {
        text-decoration: none;
      }
      .slots {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 10px;
      }
      button.slot {
        display: grid;
        justify-items: center;
        gap: 0;
        padding: 8px 4px;
        text-align: center;
      }
      .slot .t {
        font-size: 21px;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .slot .left {
        font-size: 18px;
      }
      button.slot.full {
        border-style: dashed;
        color: #333;
        background: repeating-linear-gradient(135deg, #fff 0 8px, #e6e6e6 8px 16px);
      }
      .slot.full .left {
        font-weight: 800;
      }
      .slot.full .left::before {
        content: '✕ ';
      }
      h3 {
        margin: 6px 0 0;
        font-size: 20px;
      }
      .summary dd {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
      }
      .summary button {
        min-height: 44px;
        padding: 4px 12px;
        font-size: 18px;
        flex: none;
      }
      .search input {
        font-size: 20px;
      }
      .link {
        text-align: center;
        font-weight: 700;
        text-decoration: underline;
        border-style: solid;
      }
      .last .code {
        font-size: 28px;
        font-weight: 900;
        letter-spacing: 0.08em;
      }
      .message {
        padding: 24px 16px;
        font-size: 22px;
      }
    `,
  ];

  @state() private _locale: Locale = pageLocale();
  @state() private _hall: BookingHall | null = null;
  @state() private _loadError = '';
  @state() private _step: Step = 'area';
  @state() private _query = '';
  @state() private _choice: Choice | null = null;
  @state() private _days: CalendarDay[] | null = null;
  @state() private _date: string | null = null;
  @state() private _slots: SlotView[] | null = null;
  @state() private _slot: SlotView | null = null;
  @state() private _phone = '';
  @state() private _phoneError = '';
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _receipt: AppointmentView | null = null;
  @state() private _fresh = false;
  @state() private _last: AppointmentView | null = null;
  @state() private _code = '';

  private readonly hallId = queryParam('hall');
  private _today = '';
  /** Server clock minus this phone's clock. */
  private _clockOffsetMs = 0;

  private get _api(): Api {
    return new Api({ locale: this._locale });
  }

  private get _base(): string {
    return `/api/v1/halls/${encodeURIComponent(this.hallId ?? '')}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    applyLocale(this._locale);
    if (this.hallId) {
      this._last = loadLastBooking(this.hallId);
      void this._loadHall();
    }
  }

  override willUpdate(): void {
    const w = messages(this._locale).calendar.booking;
    document.title = this._hall ? `${w.title} · ${this._hall.name}` : w.title;
  }

  override render() {
    const t = messages(this._locale).calendar;
    return html`
      <header class="bar">
        <div class="hall">${this._hall?.name ?? ''}<span class="page-title">${t.booking.title}</span></div>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
      </header>
      <main>${this._renderMain()}</main>
    `;
  }

  private _renderMain() {
    const t = messages(this._locale).calendar;
    if (!this.hallId) return html`<p class="message error" role="alert">${t.common.missingHall}</p>`;
    if (this._loadError) {
      return html`<p class="error" role="alert">${this._loadError}</p>
        <button type="button" class="primary" @click=${() => void this._loadHall()}>${t.common.retry}</button>`;
    }
    if (!this._hall) return html`<p class="message">${t.common.loading}</p>`;
    switch (this._step) {
      case 'area':
        return this._renderArea(this._hall);
      case 'cancel-code':
        return this._renderCancelCode();
      case 'receipt':
        return html`<qms-booking-receipt
          .hallId=${this.hallId}
          .hall=${this._hall}
          .appointment=${this._receipt}
          .locale=${this._locale}
          ?fresh=${this._fresh}
          @qms-booking-updated=${this._onReceiptUpdated}
          @qms-booking-new=${this._restart}
        ></qms-booking-receipt>`;
      default:
        return html`${this._renderSummary(this._hall)} ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          ${this._step === 'date' ? this._renderDates() : this._step === 'slot' ? this._renderSlots() : this._renderPhone()}`;
    }
  }

  private _renderArea(hall: BookingHall) {
    const t = messages(this._locale).calendar;
    const w = t.booking;
    const areas = hall.areas.filter((a) => a.appointments);
    const q = this._query.trim();
    const hits = q ? this._search(areas, q) : [];
    const last = this._last && this._last.date >= this._today ? this._last : null;
    return html`
      <p class="intro">${w.intro}</p>
      ${last
        ? html`<section class="card last">
            <h2>${w.lastBooking}</h2>
            <p><span class="muted">${w.codeLabel}</span> <span class="code">${last.code}</span></p>
            <p>${dateLabel(last.date, this._locale)} ${fill(t.common.timeRange, { start: last.start, end: last.end })}</p>
            <p>${areas.find((a) => a.id === last.areaId)?.name ?? ''}${last.status !== 'booked' ? html` · <strong>${w.status[last.status]}</strong>` : nothing}</p>
            <button type="button" class="primary open-last" @click=${() => this._show(last, false)}>${w.showLast}</button>
          </section>`
        : nothing}
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
      ${q
        ? html`<p class="muted" role="status">${hits.length ? fill(w.searchCount, { n: hits.length }) : w.searchEmpty}</p>
            <div class="list hits">
              ${hits.slice(0, MAX_HITS).map(
                (h) => html`<button type="button" class="choice hit" @click=${() => this._choose({ areaId: h.area.id, serviceId: h.service.id })}>
                  <span class="name">${h.service.name}</span><span class="sub">${h.area.name}</span>
                </button>`,
              )}
            </div>`
        : nothing}
      <h2>${w.orArea}</h2>
      <div class="list areas">
        ${areas.map(
          (a) => html`<button type="button" class="choice area" @click=${() => this._choose({ areaId: a.id, serviceId: null })}>
            <span class="name"><span class="prefix" aria-hidden="true">${a.prefix}</span>${a.name}</span>
          </button>`,
        )}
      </div>
      <button type="button" class="link cancel-by-code" @click=${() => this._go('cancel-code')}>${w.cancelByCode}</button>
    `;
  }

  private _search(areas: BookableArea[], q: string): Array<{ area: BookableArea; service: { id: string; name: string } }> {
    const needle = q.toLowerCase();
    const out: Array<{ area: BookableArea; service: { id: string; name: string } }> = [];
    for (const area of areas) for (const service of area.services) if (service.name.toLowerCase().includes(needle)) out.push({ area, service });
    return out;
  }

  private _renderSummary(hall: BookingHall) {
    const t = messages(this._locale).calendar;
    const w = t.booking;
    const c = this._choice;
    if (!c) return nothing;
    const area = hall.areas.find((a) => a.id === c.areaId);
    const service = c.serviceId ? area?.services.find((s) => s.id === c.serviceId) : undefined;
    return html`<section class="card summary">
      <dl>
        <dt>${w.chosenArea}</dt>
        <dd>
          <span class="chosen-area">${service ? html`${service.name}<br /><span class="muted">${area?.name}</span>` : area?.name}</span>
          <button type="button" aria-label=${`${w.change} ${w.chosenArea}`} @click=${this._restart}>${w.change}</button>
        </dd>
        ${this._date && this._step !== 'date'
          ? html`<dt>${w.chosenDate}</dt>
              <dd>
                <span class="chosen-date">${dateLabel(this._date, this._locale)}</span>
                <button type="button" aria-label=${`${w.change} ${w.chosenDate}`} @click=${() => this._go('date')}>${w.change}</button>
              </dd>`
          : nothing}
        ${this._slot && this._step === 'phone'
          ? html`<dt>${w.chosenTime}</dt>
              <dd>
                <span class="chosen-time">${fill(t.common.timeRange, { start: this._slot.start, end: this._slot.end })}</span>
                <button type="button" aria-label=${`${w.change} ${w.chosenTime}`} @click=${() => this._go('slot')}>${w.change}</button>
              </dd>`
          : nothing}
      </dl>
    </section>`;
  }

  private _renderDates() {
    const t = messages(this._locale).calendar;
    const w = t.booking;
    if (!this._days) return html`<h2>${w.stepDate}</h2><p>${t.common.loading}</p>`;
    return html`<h2>${w.stepDate}</h2>
      <div class="list days">
        ${this._days.map((d) => {
          const closed = d.sessions.length === 0;
          const rel = relativeDay(d.date, this._today, this._locale);
          const kind = d.kind === 'holiday' || d.kind === 'makeup_workday' || closed ? t.dayKinds[d.kind] : '';
          return html`<button
            type="button"
            class="choice day ${closed ? 'closed' : 'open'}"
            data-date=${d.date}
            ?disabled=${closed}
            aria-pressed=${d.date === this._date ? 'true' : 'false'}
            @click=${() => this._chooseDate(d.date)}
          >
            <span class="when">${dateLabel(d.date, this._locale)}${rel ? html`<span class="rel">${rel}</span>` : nothing}</span>
            ${kind ? html`<span class="sub kind">${kind}</span>` : nothing}
            ${closed
              ? html`<span class="sub">${w.closed}</span>`
              : d.sessions.map((s) => html`<span class="sub ${s.kind === 'regular' ? '' : 'special'}">${sessionText(s, this._locale)}</span>`)}
          </button>`;
        })}
      </div>`;
  }

  private _renderSlots() {
    const t = messages(this._locale).calendar;
    const w = t.booking;
    if (!this._slots) return html`<h2>${w.stepSlot}</h2><p>${t.common.loading}</p>`;
    if (this._slots.length === 0) {
      return html`<h2>${w.stepSlot}</h2>
        <p class="error no-slots" role="status">${w.noSlots}</p>
        <button type="button" @click=${() => this._go('date')}>${w.back}</button>`;
    }
    const sessions = this._days?.find((d) => d.date === this._date)?.sessions ?? [];
    const groups = new Map<string, SlotView[]>();
    for (const s of this._slots) {
      const session = sessionOf(sessions, s.start);
      const title = session ? sessionText(session, this._locale) : '';
      groups.set(title, [...(groups.get(title) ?? []), s]);
    }
    return html`<h2>${w.stepSlot}</h2>
      ${[...groups].map(
        ([title, slots]) => html`${title ? html`<h3>${title}</h3>` : nothing}
          <div class="slots">
            ${slots.map((s) => {
              const full = s.available <= 0;
              return html`<button
                type="button"
                class="slot ${full ? 'full' : 'free'}"
                data-start=${s.start}
                ?disabled=${full}
                aria-pressed=${this._slot?.start === s.start ? 'true' : 'false'}
                @click=${() => this._chooseSlot(s)}
              >
                <span class="t">${fill(t.common.timeRange, { start: s.start, end: s.end })}</span>
                <span class="left">${full ? w.full : fill(w.placesLeft, { n: s.available })}</span>
              </button>`;
            })}
          </div>`,
      )}`;
  }

  private _renderPhone() {
    const w = messages(this._locale).calendar.booking;
    return html`<form class="list" @submit=${this._onSubmit} novalidate>
      <h2>${w.stepPhone}</h2>
      <label
        >${w.phoneLabel}
        <input
          name="phone"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength="20"
          .value=${this._phone}
          aria-invalid=${this._phoneError ? 'true' : 'false'}
          @input=${(e: Event) => {
            this._phone = (e.target as HTMLInputElement).value;
            this._phoneError = '';
          }}
      /></label>
      <p class="muted">${w.phoneHint}</p>
      ${this._phoneError ? html`<p class="error" role="alert">${this._phoneError}</p>` : nothing}
      <button type="submit" class="primary confirm" ?disabled=${this._busy}>${this._busy ? w.submitting : w.confirm}</button>
    </form>`;
  }

  private _renderCancelCode() {
    const w = messages(this._locale).calendar.booking;
    return html`<form class="list" @submit=${this._onCancelCode} novalidate>
      <h2>${w.cancelByCode}</h2>
      <label
        >${w.codeInput}
        <input
          name="code"
          inputmode="numeric"
          autocomplete="off"
          maxlength="6"
          .value=${this._code}
          @input=${(e: Event) => {
            this._code = (e.target as HTMLInputElement).value;
            this._error = '';
          }}
      /></label>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? w.cancelling : w.cancelCode}</button>
      <button type="button" @click=${this._restart}>${w.back}</button>
    </form>`;
  }

  private async _loadHall(): Promise<void> {
    this._loadError = '';
    try {
      this._hall = await this._api.get<BookingHall>(this._base);
      // "Today" is the hall's, from the server's clock (a phone's clock may be wrong, a demo's shifted).
      this._clockOffsetMs = Date.parse(this._hall.now) - Date.now();
      this._today = this._hall.today;
    } catch (err) {
      this._loadError = err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
    }
  }

  private _go(step: Step): void {
    this._step = step;
    this._error = '';
    // A new step starts at the top: on a phone the old one may have been scrolled far down.
    window.scrollTo(0, 0);
  }

  private _choose(choice: Choice): void {
    this._choice = choice;
    this._date = null;
    this._slot = null;
    this._slots = null;
    this._go('date');
    void this._loadDays();
  }

  private async _loadDays(): Promise<void> {
    if (!this._hall) return;
    this._today = localDate(Date.now() + this._clockOffsetMs, this._hall.timezone);
    const to = addDays(this._today, this._hall.schedule.bookingDaysAhead ?? DEFAULT_DAYS_AHEAD);
    try {
      this._days = (await this._api.get<{ days: CalendarDay[] }>(`${this._base}/calendar?from=${this._today}&to=${to}`)).days;
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
    }
  }

  private _chooseDate(date: string): void {
    this._date = date;
    this._slot = null;
    this._go('slot');
    void this._loadSlots();
  }

  private async _loadSlots(): Promise<void> {
    const c = this._choice;
    if (!c || !this._date) return;
    this._slots = null;
    const which = c.serviceId ? `serviceId=${encodeURIComponent(c.serviceId)}` : `areaId=${encodeURIComponent(c.areaId)}`;
    try {
      this._slots = (await this._api.get<SlotsResponse>(`${this._base}/appointments/slots?date=${this._date}&${which}`)).slots;
    } catch (err) {
      this._slots = [];
      this._error = err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
    }
  }

  private _chooseSlot(slot: SlotView): void {
    this._slot = slot;
    this._go('phone');
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const c = this._choice;
    if (!c || !this._date || !this._slot || this._busy) return;
    const w = messages(this._locale).calendar.booking;
    const phone = this._phone.replace(/[\s-]/g, '');
    if (phone && !MOBILE.test(phone)) {
      this._phoneError = w.phoneInvalid;
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const body = { ...(c.serviceId ? { serviceId: c.serviceId } : { areaId: c.areaId }), date: this._date, start: this._slot.start, ...(phone ? { phone } : {}) };
      const { appointment } = await this._api.post<{ appointment: AppointmentView }>(`${this._base}/appointments`, body);
      saveLastBooking(this.hallId!, appointment);
      this._last = appointment;
      this._show(appointment, true);
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'internal_error';
      if (code === 'slot_full') {
        this._go('slot');
        this._error = w.slotTaken;
        this._slot = null;
        void this._loadSlots();
      } else if (code === 'invalid_request') {
        this._go('date');
        this._error = w.dateGone;
        this._date = null;
        this._slot = null;
        void this._loadDays();
      } else {
        this._error = err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
      }
    } finally {
      this._busy = false;
    }
  }

  private async _onCancelCode(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const w = messages(this._locale).calendar.booking;
    const code = this._code.trim();
    if (!/^\d{6}$/.test(code)) {
      this._error = w.codeInvalid;
      return;
    }
    this._busy = true;
    try {
      const { appointment } = await this._api.post<{ appointment: AppointmentView }>(`${this._base}/appointments/${code}/cancel`);
      this._remember(appointment);
      this._code = '';
      this._show(appointment, false);
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
    } finally {
      this._busy = false;
    }
  }

  private _show(appointment: AppointmentView, fresh: boolean): void {
    this._receipt = appointment;
    this._fresh = fresh;
    this._go('receipt');
  }

  /** Keeps a changed appointment if it is the one this phone remembers. */
  private _remember(appointment: AppointmentView): void {
    if (this._last?.code === appointment.code && this._last.date === appointment.date) {
      this._last = appointment;
      saveLastBooking(this.hallId!, appointment);
    }
  }

  private readonly _onReceiptUpdated = (e: CustomEvent<AppointmentView>): void => {
    this._receipt = e.detail;
    this._remember(e.detail);
  };

  private readonly _restart = (): void => {
    this._choice = null;
    this._date = null;
    this._slot = null;
    this._slots = null;
    this._query = '';
    this._fresh = false;
    this._go('area');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking': QmsBooking;
  }
}
