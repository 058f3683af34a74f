/**
 * Appointment check-in: the code typed on a large numeric keypad, then confirmed
 * (`qms-kiosk-code`). The page shows the server's answer (`error`) in the message table's words.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { kioskKeypadStyles } from './qms-kiosk-keypad-styles';

const MAX_DIGITS = 12;

@customElement('qms-kiosk-keypad')
export class QmsKioskKeypad extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskKeypadStyles];

  @property({ attribute: false }) words!: MessageTable['kiosk'];
  /** The server's answer to the last code, in words. */
  @property() error = '';
  @property({ type: Boolean }) busy = false;

  @state() private _code = '';
  /** Typed since the last answer: the old answer no longer applies. */
  @state() private _editing = false;

  override render() {
    const w = this.words;
    return html`
      <header>
        <button class="back" @click=${this._onBack}>${w.back}</button>
        <h1>${w.appointmentTitle}</h1>
      </header>
      <div class="prompt" id="prompt">${w.appointmentPrompt}</div>
      <output aria-labelledby="prompt" aria-live="polite">${this._code || '\u00a0'}</output>
      ${this.error && !this._editing ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      <div class="pad">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => html`<button @click=${() => this._digit(d)}>${d}</button>`)}
        <button class="fn" @click=${this._onClear}>${w.keyClear}</button>
        <button @click=${() => this._digit('0')}>0</button>
        <button class="fn" @click=${this._onDelete}>${w.keyDelete}</button>
      </div>
      <button class="primary" ?disabled=${this.busy || this._code === ''} @click=${this._onConfirm}>${w.confirm}</button>
    `;
  }

  private _digit(d: string) {
    if (this._code.length < MAX_DIGITS) this._code += d;
    this._editing = true;
  }

  private _onDelete() {
    this._code = this._code.slice(0, -1);
    this._editing = true;
  }

  private _onClear() {
    this._code = '';
    this._editing = true;
  }

  private _onConfirm() {
    this._editing = false;
    this.dispatchEvent(new CustomEvent<{ code: string }>('qms-kiosk-code', { detail: { code: this._code }, bubbles: true, composed: true }));
  }

  private _onBack() {
    this.dispatchEvent(new CustomEvent('qms-kiosk-back', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-kiosk-keypad': QmsKioskKeypad;
  }
}
