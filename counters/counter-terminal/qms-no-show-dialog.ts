/**
 * The counter's 过号 confirmation: a slip of a key must not mark a citizen absent. Focus starts on
 * 取消; the 过号 key again (or Tab to 确认过号 and Enter) confirms, Esc cancels. Until the hall's
 * minimum time after the call has passed, it says how long is left and cannot confirm (the server
 * refuses too). Confirming fires `qms-no-show`; closing either way fires `qms-closed`.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { baseStyles } from '../../displays/shared/page-styles';
import { fill, screenWords, type ScreenWords } from '../../displays/shared/words';
import { dialogStyles } from './dialog-styles';

@customElement('qms-no-show-dialog')
export class QmsNoShowDialog extends LitElement {
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      .wait {
        font-size: 1.3rem;
        font-weight: 700;
        color: var(--qms-warn);
      }
      p {
        font-size: 1.3rem;
      }
    `,
  ];

  @property({ attribute: false }) words: ScreenWords = screenWords();
  @property() number = '';
  /** The key that opened it, which also confirms. */
  @property() key = 'F9';
  /** Seconds since the call, and the seconds still to wait (0: may confirm now). */
  @property({ type: Number }) seconds = 0;
  @property({ type: Number }) remaining = 0;
  @property({ type: Number }) minimum = 60;
  @property({ type: Number }) requeueMinutes = 60;

  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('button.cancel') private _cancel!: HTMLButtonElement;

  get isOpen(): boolean {
    return this._dialog?.open ?? false;
  }

  open(): void {
    this._dialog.showModal();
    this._cancel.focus();
  }

  /** The 过号 key pressed while open: confirm, if the time has come. */
  confirm(): void {
    if (!this.isOpen || this.remaining > 0) return;
    this._dialog.close();
    this.dispatchEvent(new CustomEvent('qms-no-show', { bubbles: true, composed: true }));
  }

  override render() {
    const w = this.words.counter;
    return html`<dialog aria-labelledby="title" aria-describedby="text" @close=${this._closed}>
      <h2 id="title">${w.noShowTitle}</h2>
      <p id="text">${fill(w.noShowText, { number: this.number, seconds: this.seconds, minutes: this.requeueMinutes })}</p>
      ${this.remaining > 0 ? html`<p class="wait" role="status">${fill(w.noShowWait, { min: this.minimum, n: this.remaining })}</p>` : ''}
      <p class="hint">${fill(w.confirmKeys, { key: this.key })}</p>
      <div class="actions">
        <button class="cancel" @click=${() => this._dialog.close()}>${w.cancel} <kbd>Esc</kbd></button>
        <button class="confirm" ?disabled=${this.remaining > 0} @click=${() => this.confirm()}>${w.noShowConfirm} <kbd>${this.key}</kbd></button>
      </div>
    </dialog>`;
  }

  private _closed(): void {
    this.dispatchEvent(new CustomEvent('qms-closed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-no-show-dialog': QmsNoShowDialog;
  }
}
