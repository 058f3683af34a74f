/**
 * A code typed on a large keypad, then confirmed (`qms-kiosk-code`): the appointment check-in
 * code, or (with `letters`, the areas' prefixes) a ticket number for 过号重排, or (with `secret`) an
 * ID number for 实名取号. A QR scanner or an ID card reader in keyboard mode types like a keyboard
 * (a fast burst) and ends with Enter, so typed keys count too; the event says whether the code came
 * from keys (`keyed`) or the on-screen pad. The page shows the server's answer (`error`) in the
 * message table's words.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { kioskKeypadStyles } from './qms-kiosk-keypad-styles';
import { maskResidentId } from '../../server/domain/resident-id';

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
  /** Digits the on-screen pad takes (an ID number has 18). */
  @property({ type: Number }) maxDigits = MAX_DIGITS;
  /** An ID number: shown masked once long, and cleared as soon as it is sent (never left on screen). */
  @property({ type: Boolean }) secret = false;
  /** A note under the pad (the privacy notice). */
  @property() note = '';
  /** A second way out besides 返回 (实名 optional: 不刷证，直接取号); empty: none. */
  @property() skipLabel = '';

  @state() private _code = '';
  /** Whether the code came from key events (a reader, a scanner, a keyboard) rather than the pad. */
  private _keyed = false;
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
      <output class=${this._code.length > this.maxDigits ? 'long' : ''} aria-labelledby="prompt" aria-live="polite">${this._shown() || '\u00a0'}</output>
      ${this.error && !this._editing ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.letters.length > 0 ? html`<div class="letters">${this.letters.map((l) => html`<button @click=${() => this._digit(l)}>${l}</button>`)}</div>` : nothing}
      <div class="pad ${this.letters.length > 0 ? 'short' : ''}">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => html`<button @click=${() => this._digit(d)}>${d}</button>`)}
        <button class="fn" @click=${this._onClear}>${w.keyClear}</button>
        <button @click=${() => this._digit('0')}>0</button>
        <button class="fn" @click=${this._onDelete}>${w.keyDelete}</button>
      </div>
      <button class="primary" ?disabled=${this.busy || this._code === ''} @click=${this._onConfirm}>${w.confirm}</button>
      ${this.skipLabel ? html`<button class="skip" ?disabled=${this.busy} @click=${this._onSkip}>${this.skipLabel}</button>` : nothing}
      ${this.note ? html`<aside class="note">${this.note}</aside>` : nothing}
    `;
  }

  /** What the output shows: anything that looks like an ID number masked (a card read on any keypad screen). */
  private _shown(): string {
    return /^\d{14,17}[\dXx]$/.test(this._code) ? maskResidentId(this._code) : this._code;
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
      this._keyed = true;
      this._editing = true;
    } else return;
    e.preventDefault();
  };

  private _digit(d: string) {
    if (this._code.length < this.maxDigits) this._code += d;
    this._editing = true;
  }

  private _onDelete() {
    this._code = this._code.slice(0, -1);
    this._editing = true;
  }

  private _onClear() {
    this._code = '';
    this._keyed = false;
    this._editing = true;
  }

  private _onConfirm() {
    this._editing = false;
    const detail = { code: this._code, keyed: this._keyed };
    if (this.secret) {
      this._code = '';
      this._keyed = false;
    }
    this.dispatchEvent(new CustomEvent<{ code: string; keyed: boolean }>('qms-kiosk-code', { detail, bubbles: true, composed: true }));
  }

  private _onSkip() {
    this.dispatchEvent(new CustomEvent('qms-kiosk-skip', { bubbles: true, composed: true }));
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
