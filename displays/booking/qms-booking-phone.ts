/**
 * The booking wizard's last step: an optional mobile number and, where the area takes tickets by ID
 * (实名预约), an optional 身份证号码 with the privacy notice beside it — each checked by the same
 * rule the server's booking route applies (`phone-number.ts`, `resident-id.ts`), then 确认预约.
 * Fires `qms-booking-confirm` with `{phone, idNumber}` (empty for none).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { IDENTITY_PROBLEM_CODES } from '../../server/domain/identity-input';
import { compactPhone, isChinaMobile } from '../../server/domain/phone-number';
import { normaliseResidentId, residentIdProblem, type ResidentIdProblem } from '../../server/domain/resident-id';
import { fireBookingEvent } from './booking-event';
import { bookingStepStyles } from './booking-step-styles';
import { phoneStyles } from './phone-styles';

export interface BookingContact {
  phone: string;
  idNumber: string;
}

@customElement('qms-booking-phone')
export class QmsBookingPhone extends LitElement {
  static override styles = [
    phoneStyles,
    bookingStepStyles,
    css`
      .privacy {
        margin: 0;
        padding: 10px 12px;
        border-left: 8px solid #111;
        background: var(--p-soft);
        font-size: 17px;
        line-height: 1.5;
      }
      .privacy strong {
        display: block;
      }
      input[name='idNumber'] {
        letter-spacing: 0.04em;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The number typed before, if the citizen came back to this step. */
  @property() phone = '';
  /** The ID number typed before; only asked for where the area takes tickets by ID. */
  @property() idNumber = '';
  /** The area takes an ID (its `identity` is not `off`): offer the field. */
  @property({ type: Boolean }) identity = false;
  @property({ type: Boolean }) busy = false;
  @property() locale: Locale = 'zh-CN';

  @state() private _invalid = false;
  @state() private _idProblem: ResidentIdProblem | null = null;

  override render() {
    const w = messages(this.locale).calendar.booking;
    return html`<form class="list" @submit=${this._onSubmit} novalidate>
      <h2>${this.identity ? w.stepContact : w.stepPhone}</h2>
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
      ${this._invalid ? html`<p class="error" role="alert">${w.phoneInvalid}</p>` : nothing} ${this.identity ? this._renderId() : nothing}
      <button type="submit" class="primary confirm" ?disabled=${this.busy}>${this.busy ? w.submitting : w.confirm}</button>
    </form>`;
  }

  private _renderId() {
    const w = messages(this.locale).calendar.booking;
    return html`<label
        >${w.idLabel}
        <input
          name="idNumber"
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="22"
          aria-describedby="id-privacy"
          .value=${this.idNumber}
          aria-invalid=${this._idProblem ? 'true' : 'false'}
          @input=${(e: Event) => {
            this.idNumber = (e.target as HTMLInputElement).value;
            this._idProblem = null;
          }}
      /></label>
      <p class="muted">${w.idHint}</p>
      ${this._idProblem ? html`<p class="error id-error" role="alert">${w.idProblems[IDENTITY_PROBLEM_CODES[this._idProblem]]}</p>` : nothing}
      <p class="privacy" id="id-privacy"><strong>${w.idPrivacyTitle}</strong>${w.idPrivacy}</p>`;
  }

  private _onSubmit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const typed = this.phone.trim();
    const id = this.identity ? this.idNumber.trim() : '';
    this._invalid = typed !== '' && !isChinaMobile(typed);
    this._idProblem = id ? residentIdProblem(id) : null;
    if (this._invalid || this._idProblem) return;
    fireBookingEvent(this, 'qms-booking-confirm', { phone: compactPhone(typed), idNumber: id ? normaliseResidentId(id) : '' } satisfies BookingContact);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-booking-phone': QmsBookingPhone;
  }
}
