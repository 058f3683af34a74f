/**
 * A code typed on a large keypad, then confirmed (`qms-kiosk-code`): the appointment check-in
 * code, or (with `letters`, the areas' prefixes) a ticket number for 过号重排. A QR scanner
 * types like a keyboard and ends with Enter, so typed keys count too. The page shows the
 * server's answer (`error`) in the message table's words.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { kioskKeypadStyles } from './qms-kiosk-keypad-styles';

const MAX_DIGITS = 12;
/** A scanned ticket link is longer than anything typed by hand. */
const MAX_SCANNED = 300;

@customElement('qms-kiosk-keypad')
export class QmsKioskKeypad extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskKeypadStyles];

  @property({ attribute: false }) words!: MessageTable['kiosk'];
  /** The server's answer to the last code, in words. */
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  /** Heading and prompt; absent: the appointment check-in's. */
  @property() heading = '';
  @property() prompt = '';
  /** Letter keys above the digits (ticket number prefixes); none for appointment codes. */
  @property({ attribute: false }) letters: readonly string[] = [];

  @state() private _code = '';
  /** Typed since the last answer: the old answer no longer applies. */
  @state() private _editing = false;

  override render() {
    const w = this.words;
    return html`
      <header>
        <button class="back" @click=${this._onBack}>${w.back}</button>
        <h1>${this.heading || w.appointmentTitle}</h1>
      </header>
      <div class="prompt" id="prompt">${this.prompt || w.appointmentPrompt}</div>
      <output class=${this._code.length > MAX_DIGITS ? 'long' : ''} aria-labelledby="prompt" aria-live="polite">${this._code || '\u00a0'}</output>
      ${this.error && !this._editing ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.letters.length > 0 ? html`<div class="letters">${this.letters.map((l) => html`<button @click=${() => this._digit(l)}>${l}</button>`)}</div>` : nothing}
      <div class="pad ${this.letters.length > 0 ? 'short' : ''}">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => html`<button @click=${() => this._digit(d)}>${d}</button>`)}
        <button class="fn" @click=${this._onClear}>${w.keyClear}</button>
        <button @click=${() => this._digit('0')}>0</button>
        <button class="fn" @click=${this._onDelete}>${w.keyDelete}</button>
      </div>
      <button class="primary" ?disabled=${this.busy || this._code === ''} @click=${this._onConfirm}>${w.confirm}</button>
    `;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this._onKey);
    super.disconnectedCallback();
  }

  /** A scanner (or a keyboard) typing: printable keys add up, Enter confirms. */
  private _onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      if (this._code !== '' && !this.busy) this._onConfirm();
    } else if (e.key.length === 1 && this._code.length < MAX_SCANNED) {
      this._code += e.key;
      this._editing = true;
    } else return;
    e.preventDefault();
  };

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
