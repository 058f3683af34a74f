/**
 * Which areas a window serves (调整业务区): the hall's areas as checkboxes, in the order the window
 * takes them (the first with a queue goes first). Saving fires `qms-areas-chosen`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';

export interface AreaOption {
  id: string;
  name: string;
  prefix: string;
}

@customElement('qms-area-dialog')
export class QmsAreaDialog extends LitElement {
  static override styles = [
    baseStyles,
    managerStyles,
    css`
      dialog {
        width: min(40rem, 92vw);
        padding: 1.2rem 1.5rem;
        border: 3px solid var(--qms-accent);
        border-radius: 12px;
        background: var(--qms-panel);
        color: var(--qms-text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 60%);
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(2, 1fr);
        gap: 0.5rem;
        margin: 0.8rem 0 1.2rem;
      }
      label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-size: 1.1rem;
        padding: 0.4rem 0.6rem;
        border: 1px solid var(--qms-muted);
        border-radius: 8px;
      }
      input {
        width: 1.3rem;
        height: 1.3rem;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.6rem;
      }
      .actions button {
        font-size: 1.1rem;
        padding: 0.4rem 1.2rem;
      }
    `,
  ];

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
