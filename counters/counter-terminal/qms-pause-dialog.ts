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

  /** Whether it is on screen (the terminal's keys wait while it is). */
  get isOpen(): boolean {
    return this._dialog?.open ?? false;
  }

  open(): void {
    this._reason = this.words.counter.pauseReasons[0] ?? '';
    this._dialog.showModal();
  }

  override render() {
    const w = this.words.counter;
    return html`<dialog aria-labelledby="title">
      <h2 id="title">${w.pauseTitle}</h2>
      <fieldset>
        <legend>${w.pauseReasonLabel}</legend>
        <div class="choices">
          ${w.pauseReasons.map(
            (r) => html`<button class="choice" aria-pressed=${this._reason === r ? 'true' : 'false'} @click=${() => (this._reason = r)}>${r}</button>`,
          )}
        </div>
        <label class="other">${w.pauseOther}
          <input type="text" name="reason" maxlength="100" .value=${w.pauseReasons.includes(this._reason) ? '' : this._reason}
            @input=${(e: Event) => (this._reason = (e.target as HTMLInputElement).value)} />
        </label>
      </fieldset>
      <div class="actions">
        <button class="cancel" @click=${() => this._dialog.close()}>${w.cancel}</button>
        <button class="confirm" @click=${this._confirm}>${w.confirmPause}</button>
      </div>
    </dialog>`;
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
