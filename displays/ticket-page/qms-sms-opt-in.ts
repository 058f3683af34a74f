/**
 * Text reminders on the phone page: the citizen types a mobile number, gets a 6-digit code texted
 * to it (短信验证码) and types it back; only then is the number texted when few are ahead and at the
 * call — so reminders go only to a number whose holder asked. Shown only where the hall sends
 * texts. The request carries this page's socket id (see docs/public-surfaces.md).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { isChinaMobile } from '../../server/domain/phone-number';
import { maskPhone } from '../../server/domain/appointments';
import { CODE_DIGITS } from '../../server/domain/text-limits';
import { messages, type Locale } from '../../server/i18n';
import { Api, ApiFailure } from '../shared/api';
import { fill } from '../shared/words';
import { phoneStyles } from '../booking/phone-styles';
import { smsOptInStyles } from './qms-sms-opt-in-styles';

@customElement('qms-sms-opt-in')
export class QmsSmsOptIn extends LitElement {
  static override styles = [phoneStyles, smsOptInStyles];

  @property({ attribute: false }) hallId = '';
  @property({ attribute: false }) credential = '';
  @property({ attribute: false }) locale: Locale = 'zh-CN';
  /** The page's live socket id, when connected. */
  @property({ attribute: false }) socketId: () => string | null = () => null;

  @state() private _enabled = false;
  @state() private _phone: string | null = null;
  @state() private _typed = '';
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _cancelled = false;
  /** The number a code was texted to, while the page waits for the code. */
  @state() private _codeFor: string | null = null;
  @state() private _code = '';

  private get _path(): string {
    return `/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(this.credential)}/notify`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      const s = await new Api({ locale: this.locale }).get<{ enabled: boolean; phone: string | null }>(this._path);
      this._enabled = s.enabled;
      this._phone = s.phone;
    } catch {
      this._enabled = false;
    }
  }

  override render() {
    if (!this._enabled) return nothing;
    const w = messages(this.locale).notify.optIn;
    if (this._phone) {
      return html`<section class="sms">
        <h2>${w.title}</h2>
        <p class="on" role="status">${fill(w.done, { phone: this._phone })}</p>
        <button type="button" class="cancel" ?disabled=${this._busy} @click=${this._onCancel}>${w.cancel}</button>
      </section>`;
    }
    if (this._codeFor) {
      return html`<section class="sms">
        <h2>${w.title}</h2>
        <p class="sent" role="status">${fill(w.codeSent, { phone: maskPhone(this._codeFor) })}</p>
        <form class="code" @submit=${this._onConfirm}>
          <label>${w.code}<input type="text" inputmode="numeric" autocomplete="one-time-code" name="code" maxlength=${CODE_DIGITS} .value=${this._code} @input=${this._onCodeInput} /></label>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          <button type="submit" class="primary" ?disabled=${this._busy}>${w.confirm}</button>
          <button type="button" class="again" ?disabled=${this._busy} @click=${this._onAgain}>${w.again}</button>
        </form>
      </section>`;
    }
    return html`<section class="sms">
      <h2>${w.title}</h2>
      <p class="muted">${w.hint}</p>
      ${this._cancelled ? html`<p role="status">${w.cancelled}</p>` : nothing}
      <form @submit=${this._onSubmit}>
        <label>${w.phone}<input type="tel" inputmode="tel" autocomplete="tel" name="phone" .value=${this._typed} @input=${this._onInput} /></label>
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this._busy}>${w.submit}</button>
      </form>
    </section>`;
  }

  private readonly _onInput = (e: Event): void => {
    this._typed = (e.target as HTMLInputElement).value;
    this._error = '';
  };

  private readonly _onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const w = messages(this.locale).notify.optIn;
    if (!isChinaMobile(this._typed)) {
      this._error = w.badPhone;
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const phone = this._typed.trim();
      // 202 with `codeSent`: a code is on its way; 204 (no body): this number was already on.
      const sent = await new Api({ locale: this.locale }).postWithHeaders<{ codeSent: true } | null>(
        this._path,
        { phone },
        { 'x-qms-socket': this.socketId() ?? '' },
      );
      if (sent?.codeSent) {
        this._codeFor = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
        this._code = '';
      } else await this._load();
      this._cancelled = false;
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messages(this.locale).networkError;
    } finally {
      this._busy = false;
    }
  };

  private readonly _onCodeInput = (e: Event): void => {
    this._code = (e.target as HTMLInputElement).value;
    this._error = '';
  };

  private readonly _onConfirm = async (e: Event): Promise<void> => {
    e.preventDefault();
    const w = messages(this.locale).notify.optIn;
    const code = this._code.trim();
    if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) {
      this._error = w.badCode;
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      await new Api({ locale: this.locale }).post(`${this._path}/confirm`, { code });
      this._codeFor = null;
      await this._load();
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messages(this.locale).networkError;
      // A void code (expired, used, too many tries): back to the number, to ask for a new one.
      if (err instanceof ApiFailure && err.code === 'sms_code_expired') this._codeFor = null;
    } finally {
      this._busy = false;
    }
  };

  /** Back to the number: a new code (or another number). */
  private readonly _onAgain = (): void => {
    this._codeFor = null;
    this._code = '';
    this._error = '';
  };

  private readonly _onCancel = async (): Promise<void> => {
    this._busy = true;
    try {
      await new Api({ locale: this.locale }).delete(this._path);
      this._phone = null;
      this._cancelled = true;
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messages(this.locale).networkError;
    } finally {
      this._busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-sms-opt-in': QmsSmsOptIn;
  }
}
