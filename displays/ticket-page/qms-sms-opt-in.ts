/**
 * Text reminders on the phone page: the citizen types a mobile number and is texted when few are
 * ahead and at the call. Shown only where the hall sends texts. The request carries this page's
 * socket id, the proof that the ticket's own page is open (see docs/public-surfaces.md).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { isChinaMobile } from '../../server/domain/phone-number';
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
      await new Api({ locale: this.locale }).postWithHeaders(this._path, { phone: this._typed.trim() }, { 'x-qms-socket': this.socketId() ?? '' });
      await this._load();
      this._cancelled = false;
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : messages(this.locale).networkError;
    } finally {
      this._busy = false;
    }
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
