/**
 * The counter's 暂停 dialog: a reason from the usual ones or typed in; confirming fires `qms-pause`
 * with it (the window display shows it to citizens).
 */
import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../../displays/shared/page-styles';
import { screenWords, type ScreenWords } from '../../displays/shared/words';
import { dialogStyles } from './dialog-styles';
import { pauseDialogStyles } from './qms-pause-dialog-styles';

@customElement('qms-pause-dialog')
export class QmsPauseDialog extends LitElement {
  static override styles = [baseStyles, dialogStyles, pauseDialogStyles];

  @property({ attribute: false }) words: ScreenWords = screenWords();

  @state() private _reason = '';
  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('button.confirm') private _confirmButton!: HTMLButtonElement;

  /** Whether it is on screen (the terminal's keys wait while it is). */
  get isOpen(): boolean {
    return this._dialog?.open ?? false;
  }

  open(): void {
    this._reason = this.words.counter.pauseReasons[0] ?? '';
    this._dialog.showModal();
    // Enter confirms the chosen reason at once; digits choose another first.
    this._confirmButton.focus();
  }

  override render() {
    const w = this.words.counter;
    return html`<dialog aria-labelledby="title" @keydown=${this._onKey} @close=${this._closed}>
      <h2 id="title">${w.pauseTitle}</h2>
      <p class="hint">${w.pauseKeys}</p>
      <fieldset>
        <legend>${w.pauseReasonLabel}</legend>
        <div class="choices">
          ${w.pauseReasons.map(
            (r, i) =>
              html`<button class="choice" aria-pressed=${this._reason === r ? 'true' : 'false'} aria-keyshortcuts=${String(i + 1)} @click=${() => (this._reason = r)}>
                <kbd>${i + 1}</kbd>${r}
              </button>`,
          )}
        </div>
        <label class="other">${w.pauseOther}
          <input type="text" name="reason" maxlength="100" .value=${w.pauseReasons.includes(this._reason) ? '' : this._reason}
            @input=${(e: Event) => (this._reason = (e.target as HTMLInputElement).value)} />
        </label>
      </fieldset>
      <div class="actions">
        <button class="cancel" @click=${() => this._dialog.close()}>${w.cancel} <kbd>Esc</kbd></button>
        <button class="confirm" @click=${this._confirm}>${w.confirmPause} <kbd>Enter</kbd></button>
      </div>
    </dialog>`;
  }

  private _onKey(e: KeyboardEvent): void {
    // Typing a reason of one's own: digits are part of it.
    if ((e.target as HTMLElement).tagName === 'INPUT') {
      if (e.key === 'Enter') {
        e.preventDefault();
        this._confirm();
      }
      return;
    }
    const reason = /^[1-9]$/.test(e.key) ? this.words.counter.pauseReasons[Number(e.key) - 1] : undefined;
    if (reason === undefined) return;
    e.preventDefault();
    this._reason = reason;
    this._confirmButton.focus();
  }

  private _closed(): void {
    this.dispatchEvent(new CustomEvent('qms-closed', { bubbles: true, composed: true }));
  }

  private _confirm(): void {
    this._dialog.close();
    this.dispatchEvent(new CustomEvent('qms-pause', { detail: { reason: this._reason.trim() }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-pause-dialog': QmsPauseDialog;
  }
}
