/**
 * An appointment as the citizen needs it at the hall: the check-in code in very large digits, the
 * date, time and area, what to do and bring, and cancelling (with a second tap to confirm, so a
 * stray touch cancels nothing). Fires `qms-booking-updated` with the appointment after a cancel and
 * `qms-booking-new` when the citizen wants to book something else.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { Api, ApiFailure, messageFor } from '../shared/api';
import { fill } from '../shared/words';
import type { AppointmentView, BookingHall, CalendarDay } from '../../server/protocol';
import type { KeptBooking } from './last-booking';
import { dateLabel, sessionOf, sessionText } from './date-words';
import { phoneStyles } from './phone-styles';
import { bookingReceiptStyles } from './qms-booking-receipt-styles';
import { materialsOf, materialsStyles, renderAddress, renderMaterials } from './materials';

@customElement('qms-booking-receipt')
export class QmsBookingReceipt extends LitElement {
  static override styles = [phoneStyles, bookingReceiptStyles, materialsStyles];

  @property() hallId = '';
  @property({ attribute: false }) hall: BookingHall | null = null;
  @property({ attribute: false }) appointment: KeptBooking | null = null;
  @property() locale: Locale = 'zh-CN';
  /** Just booked: say so above the code. */
  @property({ type: Boolean }) fresh = false;
  @property() heading = '';

  @state() private _confirming = false;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _day: CalendarDay | null = null;
  private _dayFor = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('appointment')) {
      this._confirming = false;
      this._error = '';
    }
    const date = this.appointment?.date ?? '';
    if (date && this.hallId && this._dayFor !== `${this.hallId}/${date}`) void this._loadDay(date);
  }

  override render() {
    const a = this.appointment;
    if (!a) return nothing;
    const t = messages(this.locale);
    const w = t.calendar.booking;
    const area = this.hall?.areas.find((x) => x.id === a.areaId);
    const service = a.serviceId ? area?.services.find((s) => s.id === a.serviceId) : undefined;
    const session = this._day?.date === a.date ? sessionOf(this._day.sessions, a.start) : undefined;
    const time = fill(t.calendar.common.timeRange, { start: a.start, end: a.end });
    return html`
      <section class="card receipt" aria-live="polite">
        ${this.fresh && a.status === 'booked' ? html`<p class="done" role="status">${w.doneHeading}</p>` : nothing}
        ${this.heading ? html`<h2>${this.heading}</h2>` : nothing}
        ${a.status !== 'booked' ? html`<p class="status ${a.status}" data-status=${a.status}>${a.status === 'cancelled' ? w.cancelled : w.status[a.status]}</p>` : nothing}
        <div class="code-box ${a.status === 'booked' ? '' : 'void'}">
          <span class="code-label">${w.codeLabel}</span>
          <span class="code" data-code=${a.code}>${a.code}</span>
        </div>
        ${a.status === 'booked' ? html`<p class="muted">${w.codeHint}</p>` : nothing}
        <dl>
          <dt>${w.chosenArea}</dt>
          <dd class="area">${service ? html`${service.name}<br /><span class="muted">${area?.name}</span>` : (area?.name ?? a.areaId)}</dd>
          <dt>${w.chosenDate}</dt>
          <dd class="date">${dateLabel(a.date, this.locale)}</dd>
          <dt>${w.chosenTime}</dt>
          <dd class="time">${time}${session && session.kind !== 'regular' ? html`<br /><span class="muted">${sessionText(session, this.locale)}</span>` : nothing}</dd>
          ${a.phoneMasked ? html`<dt>${w.phoneShown}</dt><dd class="phone">${a.phoneMasked}</dd>` : nothing}
          ${a.identified ? html`<dt>${w.idShown}</dt><dd class="id-number">${a.idMasked ?? w.idKept}</dd>` : nothing}
        </dl>
        ${
          a.status === 'booked'
            ? html`<div class="notice">
                <p class="check-in">${w.checkIn}</p>
                ${a.identified ? html`<p class="by-card">${w.checkInByCard}</p>` : nothing}
                <p>${w.bring}</p>
              </div>
              ${renderMaterials(materialsOf(this.hall, a.areaId, a.serviceId), this.locale, false)} ${renderAddress(this.hall, this.locale)}`
            : nothing
        }
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
        <div class="actions">
          ${a.status === 'booked' ? this._renderCancel() : nothing}
          <button type="button" class="primary" @click=${this._onNew}>${w.newBooking}</button>
        </div>
      </section>
    `;
  }

  private _renderCancel() {
    const w = messages(this.locale).calendar.booking;
    if (!this._confirming) return html`<button type="button" class="danger" @click=${() => (this._confirming = true)}>${w.cancel}</button>`;
    return html`<div class="confirm" role="group" aria-label=${w.cancel}>
      <p>${w.cancelConfirm}</p>
      <button type="button" class="danger" ?disabled=${this._busy} @click=${this._onCancel}>${this._busy ? w.cancelling : w.cancelYes}</button>
      <button type="button" ?disabled=${this._busy} @click=${() => (this._confirming = false)}>${w.cancelNo}</button>
    </div>`;
  }

  private async _loadDay(date: string): Promise<void> {
    this._dayFor = `${this.hallId}/${date}`;
    try {
      const { days } = await new Api({ locale: this.locale }).get<{ days: CalendarDay[] }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/calendar?from=${date}&to=${date}`,
      );
      this._day = days[0] ?? null;
    } catch {
      // The session name is a nicety; the date and time are on screen without it.
      this._day = null;
    }
  }

  private async _onCancel(): Promise<void> {
    const a = this.appointment;
    if (!a || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const res = await new Api({ locale: this.locale }).post<{ appointment: AppointmentView }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/appointments/${a.code}/cancel`,
      );
      this._updated(res.appointment);
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'internal_error';
      // The server knows better than this phone: show what became of the appointment.
      if (code === 'appointment_cancelled') this._updated({ ...a, status: 'cancelled' });
      else if (code === 'appointment_used') this._updated({ ...a, status: 'checked_in' });
      this._error = err instanceof ApiFailure ? err.display : messageFor('internal_error', this.locale);
    } finally {
      this._busy = false;
      this._confirming = false;
    }
  }

  private _updated(appointment: AppointmentView): void {
    this.dispatchEvent(new CustomEvent<AppointmentView>('qms-booking-updated', { detail: appointment, bubbles: true, composed: true }));
  }

  private _onNew(): void {
    this.dispatchEvent(new CustomEvent('qms-booking-new', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-receipt': QmsBookingReceipt;
  }
}
