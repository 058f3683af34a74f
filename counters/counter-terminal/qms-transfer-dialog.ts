/**
 * The counter's 转移 (联办) picker: the hall's other areas as big buttons; choosing one fires
 * `qms-transfer` with its id. A native modal dialog, so focus and Esc behave as clerks expect.
 */
import { LitElement, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { baseStyles } from '../../displays/shared/page-styles';
import { screenWords, type ScreenWords } from '../../displays/shared/words';
import { dialogStyles } from './dialog-styles';

export interface AreaChoice {
  id: string;
  name: string;
  prefix: string;
}

@customElement('qms-transfer-dialog')
export class QmsTransferDialog extends LitElement {
  static override styles = [baseStyles, dialogStyles];

  @property({ attribute: false }) areas: AreaChoice[] = [];
  @property({ attribute: false }) words: ScreenWords = screenWords();
  /** The ticket's present area, which is not offered. */
  @property() currentAreaId = '';

  @query('dialog') private _dialog!: HTMLDialogElement;

  /** Whether it is on screen (the terminal's keys wait while it is). */
  get isOpen(): boolean {
    return this._dialog?.open ?? false;
  }

  open(): void {
    this._dialog.showModal();
  }

  /** The areas offered, in order: digit key n chooses the n-th (1–9, then 0 for the tenth). */
  private get _choices(): AreaChoice[] {
    return this.areas.filter((a) => a.id !== this.currentAreaId);
  }

  override render() {
    const w = this.words.counter;
    return html`<dialog aria-labelledby="title" @keydown=${this._onKey} @close=${this._closed}>
      <h2 id="title">${w.transferTitle}</h2>
      <p class="hint">${w.transferHint} · ${w.chooseKeys}</p>
      <div class="choices">
        ${this._choices.map(
          (a, i) =>
            html`<button class="choice" data-area=${a.id} aria-keyshortcuts=${i < 10 ? String((i + 1) % 10) : ''} @click=${() => this._choose(a.id)}>
              ${i < 10 ? html`<kbd>${(i + 1) % 10}</kbd>` : ''}<span class="prefix">${a.prefix}</span>${a.name}
            </button>`,
        )}
      </div>
      <div class="actions"><button class="cancel" @click=${() => this._dialog.close()}>${w.cancel} <kbd>Esc</kbd></button></div>
    </dialog>`;
  }

  private _onKey(e: KeyboardEvent): void {
    if (!/^[0-9]$/.test(e.key)) return;
    const i = (Number(e.key) + 9) % 10;
    const a = this._choices[i];
    if (!a) return;
    e.preventDefault();
    this._choose(a.id);
  }

  private _closed(): void {
    this.dispatchEvent(new CustomEvent('qms-closed', { bubbles: true, composed: true }));
  }

  private _choose(areaId: string): void {
    this._dialog.close();
    this.dispatchEvent(new CustomEvent('qms-transfer', { detail: { areaId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-transfer-dialog': QmsTransferDialog;
  }
}
