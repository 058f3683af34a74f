/**
 * The citizen's booking page (`/book?hall=yuxi`, phone-sized, no sign-in), a wizard with one
 * element per step: choose an area or find a service by name or pinyin (`<qms-booking-area>`), a day
 * within the booking horizon (`<qms-booking-dates>`), a time with places left
 * (`<qms-booking-slots>`), an optional mobile number (`<qms-booking-phone>`); then the receipt with
 * the check-in code large (`<qms-booking-receipt>`). This element keeps the flow: what was chosen,
 * what was loaded, and the calls to the server. The latest booking stays on the phone so the code
 * can be found again.
 *
 * "Today" is the hall's, from the server's clock; the server checks every date again.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { lastBookableDay } from '../../server/domain/booking-horizon';
import { identityModeOf } from '../../server/domain/identity-limits';
import { maskResidentId } from '../../server/domain/resident-id';
import { localDate } from '../../server/domain/time';
import { Api, ApiFailure, messageFor } from '../shared/api';
import { PageGate } from '../shared/page-gate';
import { pageLocale } from '../shared/words';
import type { AppointmentView, BookingHall, CalendarDay, PlacesResponse, SlotsResponse, SlotView } from '../../server/protocol';
import { loadLastBooking, saveLastBooking, updatedBooking, type KeptBooking } from './last-booking';
import { phoneStyles } from './phone-styles';
import './qms-best-time';
import './qms-booking-area';
import type { BookingChoice } from './qms-booking-area';
import './qms-booking-cancel-code';
import './qms-booking-dates';
import './qms-booking-phone';
import type { BookingContact } from './qms-booking-phone';
import './qms-booking-receipt';
import { bookingStyles } from './qms-booking-styles';
import './qms-booking-slots';
import './qms-booking-summary';
import { applyLocale } from './qms-lang-switch';

type Step = 'area' | 'date' | 'slot' | 'phone' | 'receipt' | 'cancel-code';

@customElement('qms-booking')
export class QmsBooking extends LitElement {
  static override styles = [phoneStyles, bookingStyles];

  @state() private _locale: Locale = pageLocale();
  @state() private _hall: BookingHall | null = null;
  @state() private _loadError = '';
  @state() private _step: Step = 'area';
  @state() private _choice: BookingChoice | null = null;
  @state() private _days: CalendarDay[] | null = null;
  /** Places left on each bookable day for the choice; null while on their way (or not known). */
  @state() private _places: PlacesResponse['days'] | null = null;
  @state() private _date: string | null = null;
  @state() private _slots: SlotView[] | null = null;
  @state() private _slot: SlotView | null = null;
  @state() private _phone = '';
  /** Typed for a booking by ID; forgotten once booked (only its masked form is kept). */
  @state() private _idNumber = '';
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _receipt: KeptBooking | null = null;
  @state() private _fresh = false;
  @state() private _last: KeptBooking | null = null;

  private readonly gate = new PageGate(this, { words: () => messages(this._locale).calendar.common });
  private readonly hallId = this.gate.hallId;
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
        <h1 class="hall">${this._hall?.name ?? ''}<span class="page-title">${t.booking.title}</span></h1>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
      </header>
      <main>${this.gate.render(() => this._renderStep())}</main>
    `;
  }

  private _renderStep() {
    if (this._loadError) {
      return html`<p class="error" role="alert">${this._loadError}</p>
        <button type="button" class="primary" @click=${() => void this._loadHall()}>${messages(this._locale).calendar.common.retry}</button>`;
    }
    const hall = this._hall;
    if (!hall) return null;
    const locale = this._locale;
    switch (this._step) {
      case 'area':
        return html`<qms-booking-area
          .areas=${hall.areas.filter((a) => a.appointments)}
          .last=${this._last && this._last.date >= this._today ? this._last : null}
          .locale=${locale}
          @qms-booking-choose=${(e: CustomEvent<BookingChoice>) => this._choose(e.detail)}
          @qms-booking-show-last=${(e: CustomEvent<KeptBooking>) => this._show(e.detail, false)}
          @qms-booking-cancel-by-code=${() => this._go('cancel-code')}
        ></qms-booking-area>`;
      case 'cancel-code':
        return html`<qms-booking-cancel-code
          .locale=${locale}
          .error=${this._error}
          ?busy=${this._busy}
          @qms-booking-cancel=${(e: CustomEvent<string>) => void this._cancelByCode(e.detail)}
          @qms-booking-back=${this._restart}
        ></qms-booking-cancel-code>`;
      case 'receipt':
        return html`<qms-booking-receipt
          .hallId=${this.hallId!}
          .hall=${hall}
          .appointment=${this._receipt}
          .locale=${locale}
          ?fresh=${this._fresh}
          @qms-booking-updated=${this._onReceiptUpdated}
          @qms-booking-new=${this._restart}
        ></qms-booking-receipt>`;
      default:
        return html`<qms-booking-summary
            .hall=${hall}
            .choice=${this._choice}
            .date=${this._step === 'date' ? null : this._date}
            .time=${this._step === 'phone' ? this._slot : null}
            ?materialsOpen=${this._step === 'phone'}
            .locale=${locale}
            @qms-booking-go=${this._onGo}
          ></qms-booking-summary>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing} ${this._renderChoiceStep()}`;
    }
  }

  private _renderChoiceStep() {
    const locale = this._locale;
    switch (this._step) {
      case 'date':
        return html`<qms-best-time
            .hallId=${this.hallId ?? ''}
            .areaId=${this._choice?.areaId ?? null}
            .serviceId=${this._choice?.serviceId ?? null}
            .locale=${locale}
          ></qms-best-time>
          <qms-booking-dates
          .days=${this._days}
          .places=${this._places}
          .today=${this._today}
          .chosen=${this._date}
          .locale=${locale}
          @qms-booking-date=${(e: CustomEvent<string>) => this._chooseDate(e.detail)}
        ></qms-booking-dates>`;
      case 'slot':
        return html`<qms-booking-slots
          .slots=${this._slots}
          .sessions=${this._days?.find((d) => d.date === this._date)?.sessions ?? []}
          .chosen=${this._slot?.start ?? null}
          .locale=${locale}
          @qms-booking-slot=${(e: CustomEvent<SlotView>) => this._chooseSlot(e.detail)}
          @qms-booking-back=${() => this._go('date')}
        ></qms-booking-slots>`;
      default:
        return html`<qms-booking-phone
          .phone=${this._phone}
          .idNumber=${this._idNumber}
          ?identity=${this._takesIdentity()}
          ?busy=${this._busy}
          .locale=${locale}
          @qms-booking-confirm=${(e: CustomEvent<BookingContact>) => void this._book(e.detail)}
        ></qms-booking-phone>`;
    }
  }

  private async _loadHall(): Promise<void> {
    this._loadError = '';
    try {
      this._hall = await this._api.get<BookingHall>(this._base);
      // "Today" is the hall's, from the server's clock (a phone's clock may be wrong, a demo's shifted).
      this._clockOffsetMs = Date.parse(this._hall.now) - Date.now();
      this._today = this._hall.today;
    } catch (err) {
      this._loadError = this._failure(err);
    }
  }

  private _failure(err: unknown): string {
    return err instanceof ApiFailure ? err.display : messageFor('internal_error', this._locale);
  }

  private _go(step: Step): void {
    this._step = step;
    this._error = '';
    // A new step starts at the top: on a phone the old one may have been scrolled far down.
    window.scrollTo(0, 0);
  }

  private readonly _onGo = (e: CustomEvent<string>): void => {
    if (e.detail === 'area') this._restart();
    else this._go(e.detail === 'date' ? 'date' : 'slot');
  };

  private _choose(choice: BookingChoice): void {
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
    const to = lastBookableDay(this._today, this._hall.schedule.bookingDaysAhead);
    const c = this._choice;
    this._places = null;
    if (c) void this._loadPlaces(c, this._today, to);
    try {
      this._days = (await this._api.get<{ days: CalendarDay[] }>(`${this._base}/calendar?from=${this._today}&to=${to}`)).days;
    } catch (err) {
      this._error = this._failure(err);
    }
  }

  /** Places left per day: a help in choosing, so a failure leaves the days without them. */
  private async _loadPlaces(c: BookingChoice, from: string, to: string): Promise<void> {
    try {
      const { days } = await this._api.get<PlacesResponse>(`${this._base}/appointments/places?from=${from}&to=${to}&${this._which(c)}`);
      if (this._choice === c) this._places = days;
    } catch {
      if (this._choice === c) this._places = null;
    }
  }

  private _which(c: BookingChoice): string {
    return c.serviceId ? `serviceId=${encodeURIComponent(c.serviceId)}` : `areaId=${encodeURIComponent(c.areaId)}`;
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
    try {
      this._slots = (await this._api.get<SlotsResponse>(`${this._base}/appointments/slots?date=${this._date}&${this._which(c)}`)).slots;
    } catch (err) {
      this._slots = [];
      this._error = this._failure(err);
    }
  }

  private _chooseSlot(slot: SlotView): void {
    this._slot = slot;
    this._go('phone');
  }

  /** 实名预约 is offered where the chosen area takes tickets by ID (the server keeps no ID elsewhere). */
  private _takesIdentity(): boolean {
    const area = this._hall?.areas.find((a) => a.id === this._choice?.areaId);
    return area !== undefined && identityModeOf(area) !== 'off';
  }

  private async _book({ phone, idNumber }: BookingContact): Promise<void> {
    const c = this._choice;
    if (!c || !this._date || !this._slot || this._busy) return;
    const w = messages(this._locale).calendar.booking;
    this._phone = phone;
    this._idNumber = idNumber;
    this._busy = true;
    this._error = '';
    try {
      const body = {
        ...(c.serviceId ? { serviceId: c.serviceId } : { areaId: c.areaId }),
        date: this._date,
        start: this._slot.start,
        ...(phone ? { phone } : {}),
        ...(idNumber ? { idNumber } : {}),
      };
      const { appointment } = await this._api.post<{ appointment: AppointmentView }>(`${this._base}/appointments`, body);
      // The receipt shows the number masked; the number itself is not kept on the phone or the page.
      const kept: KeptBooking = appointment.identified && idNumber ? { ...appointment, idMasked: maskResidentId(idNumber) } : appointment;
      this._idNumber = '';
      saveLastBooking(this.hallId!, kept);
      this._last = kept;
      this._show(kept, true);
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
        this._error = this._failure(err);
      }
    } finally {
      this._busy = false;
    }
  }

  private async _cancelByCode(code: string): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const { appointment } = await this._api.post<{ appointment: AppointmentView }>(`${this._base}/appointments/${code}/cancel`);
      const kept = updatedBooking(appointment, this._last);
      this._remember(kept);
      this._show(kept, false);
    } catch (err) {
      this._error = this._failure(err);
    } finally {
      this._busy = false;
    }
  }

  private _show(appointment: KeptBooking, fresh: boolean): void {
    this._receipt = appointment;
    this._fresh = fresh;
    this._go('receipt');
  }

  /** Keeps a changed appointment if it is the one this phone remembers. */
  private _remember(appointment: KeptBooking): void {
    if (this._last?.code === appointment.code && this._last.date === appointment.date) {
      this._last = appointment;
      saveLastBooking(this.hallId!, appointment);
    }
  }

  private readonly _onReceiptUpdated = (e: CustomEvent<AppointmentView>): void => {
    const kept = updatedBooking(e.detail, this._receipt);
    this._receipt = kept;
    this._remember(kept);
  };

  private readonly _restart = (): void => {
    this._choice = null;
    this._date = null;
    this._slot = null;
    this._slots = null;
    this._phone = '';
    this._idNumber = '';
    this._fresh = false;
    this._go('area');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking': QmsBooking;
  }
}
