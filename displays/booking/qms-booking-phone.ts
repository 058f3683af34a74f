/**
 * The booking wizard's last step: an optional mobile number, checked by the same rule the server's
 * booking route applies, then 确认预约. Fires `qms-booking-confirm` with `{phone}` (empty for none).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { compactPhone, isChinaMobile } from '../../server/domain/phone-number';
import { fireBookingEvent } from './booking-event';
import { bookingStepStyles } from './booking-step-styles';
import { phoneStyles } from './phone-styles';

@customElement('qms-booking-phone')
export class QmsBookingPhone extends LitElement {
  static override styles = [phoneStyles, bookingStepStyles];

  /** The number typed before, if the citizen came back to this step. */
  @property() phone = '';
  @property({ type: Boolean }) busy = false;
  @property() locale: Locale = 'zh-CN';

  @state() private _invalid = false;

  override render() {
    const w = messages(this.locale).calendar.booking;
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
          .value=${this.phone}
          aria-invalid=${this._invalid ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.phone = (e.target as HTMLInputElement).value;
            this._invalid = false;
          }}
      /></label>
      <p class="muted">${w.phoneHint}</p>
      ${this._invalid ? html`<p class="error" role="alert">${w.phoneInvalid}</p>` : nothing}
      <button type="submit" class="primary confirm" ?disabled=${this.busy}>${this.busy ? w.submitting : w.confirm}</button>
    </form>`;
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const typed = this.phone.trim();
    if (typed && !isChinaMobile(typed)) {
      this._invalid = true;
      return;
    }
    fireBookingEvent(this, 'qms-booking-confirm', { phone: compactPhone(typed) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-phone': QmsBookingPhone;
  }
}
