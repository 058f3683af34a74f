/**
 * Cancelling a booking by its six-digit code, for a citizen whose phone does not remember it.
 * Fires `qms-booking-cancel` with the code, or `qms-booking-back`; the page shows the server's answer
 * through `error`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { fireBookingEvent } from './booking-event';
import { bookingStepStyles } from './booking-step-styles';
import { phoneStyles } from './phone-styles';

@customElement('qms-booking-cancel-code')
export class QmsBookingCancelCode extends LitElement {
  static override styles = [phoneStyles, bookingStepStyles];

  @property({ type: Boolean }) busy = false;
  /** Why the server refused the last try; empty for none. */
  @property() error = '';
  @property() locale: Locale = 'zh-CN';

  @state() private _code = '';
  @state() private _shown = '';

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('error')) this._shown = this.error;
  }

  override render() {
    const w = messages(this.locale).calendar.booking;
    return html`<form class="list" @submit=${this._onSubmit} novalidate>
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
            this._shown = '';
          }}
      /></label>
      ${this._shown ? html`<p class="error" role="alert">${this._shown}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? w.cancelling : w.cancelCode}</button>
      <button type="button" @click=${() => fireBookingEvent(this, 'qms-booking-back')}>${w.back}</button>
    </form>`;
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const code = this._code.trim();
    if (!/^\d{6}$/.test(code)) {
      this._shown = messages(this.locale).calendar.booking.codeInvalid;
      return;
    }
    fireBookingEvent(this, 'qms-booking-cancel', code);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-cancel-code': QmsBookingCancelCode;
  }
}
