/**
 * Which areas a window serves (调整业务区): the hall's areas as checkboxes, in the order the window
 * takes them (the first with a queue goes first). Saving fires `qms-areas-chosen`.
 */
import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';
import { areaDialogStyles } from './qms-area-dialog-styles';

export interface AreaOption {
  id: string;
  name: string;
  prefix: string;
}

@customElement('qms-area-dialog')
export class QmsAreaDialog extends LitElement {
  static override styles = [baseStyles, managerStyles, areaDialogStyles];

  @property({ attribute: false }) areas: AreaOption[] = [];
  @property({ attribute: false }) words!: ManagerWords;

  @state() private _windowId = '';
  @state() private _windowNumber = 0;
  @state() private _chosen: string[] = [];

  @query('dialog') private _dialog!: HTMLDialogElement;

  open(windowId: string, windowNumber: number, areaIds: string[]): void {
    this._windowId = windowId;
    this._windowNumber = windowNumber;
    this._chosen = [...areaIds];
    this._dialog.showModal();
  }

  override render() {
    const w = this.words.windows;
    return html`<dialog aria-labelledby="t">
      <h2 id="t">${fill(w.areasTitle, { n: this._windowNumber })}</h2>
      <div class="choices">
        ${this.areas.map(
          (a) => html`<label
            ><input type="checkbox" name="area" value=${a.id} .checked=${this._chosen.includes(a.id)} @change=${(e: Event) => this._toggle(a.id, (e.target as HTMLInputElement).checked)} />
            ${a.prefix} ${a.name}</label
          >`,
        )}
      </div>
      <div class="actions">
        <button @click=${() => this._dialog.close()}>${w.cancel}</button>
        <button class="primary" ?disabled=${this._chosen.length === 0} @click=${this._save}>${w.saveAreas}</button>
      </div>
    </dialog>`;
  }

  private _toggle(id: string, on: boolean): void {
    this._chosen = on ? [...this._chosen.filter((x) => x !== id), id] : this._chosen.filter((x) => x !== id);
  }

  private _save(): void {
    this._dialog.close();
    this.dispatchEvent(new CustomEvent('qms-areas-chosen', { detail: { windowId: this._windowId, areaIds: this._chosen }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-area-dialog': QmsAreaDialog;
  }
}
