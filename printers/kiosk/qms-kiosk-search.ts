/**
 * Service search on the kiosk: an on-screen letter keyboard (a kiosk has no keyboard, and pinyin
 * is how most people type Chinese), live results with the matched characters marked, and a tap on
 * a result chooses it (`qms-kiosk-choose`). A physical keyboard or an IME works in the field too.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { searchServices, type SearchEntry, type SearchHit } from './service-search';

export interface KioskChoice {
  areaId: string;
  serviceId: string | null;
}

const ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

@customElement('qms-kiosk-search')
export class QmsKioskSearch extends LitElement {
  static override styles = [
    baseStyles,
    kioskStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 28px;
        height: 100%;
        min-height: 0;
      }
      header {
        display: flex;
        align-items: center;
        gap: 32px;
      }
      h1 {
        margin: 0;
        font-size: 60px;
      }
      input {
        width: 100%;
        height: 130px;
        padding: 0 36px;
        border: 4px solid var(--k-accent);
        border-radius: 24px;
        background: #fff;
        color: #111;
        font: inherit;
        font-size: 56px;
      }
      input::placeholder {
        color: #6b7280;
        font-size: 40px;
      }
      .hint,
      .count {
        font-size: 34px;
        color: var(--k-muted);
      }
      .results {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .hit {
        flex: none;
        display: grid;
        grid-template-columns: 96px 1fr;
        align-items: center;
        gap: 24px;
        padding: 22px 28px;
        min-height: 132px;
        text-align: left;
        border: 3px solid var(--k-line);
        border-radius: 20px;
        background: var(--k-panel);
      }
      .hit.area {
        border-color: var(--k-accent);
      }
      .prefix {
        display: grid;
        place-items: center;
        width: 96px;
        height: 96px;
        border-radius: 18px;
        background: var(--k-accent);
        color: #111;
        font-size: 56px;
        font-weight: 800;
      }
      .name {
        font-size: 46px;
        font-weight: 700;
        line-height: 1.25;
      }
      .name mark {
        background: none;
        color: var(--k-accent);
        text-decoration: underline 4px;
        text-underline-offset: 8px;
      }
      .where {
        margin-top: 6px;
        font-size: 32px;
        color: var(--k-muted);
      }
      .empty {
        font-size: 40px;
        color: var(--k-muted);
        line-height: 1.4;
      }
      .keyboard {
        display: grid;
        gap: 14px;
        padding: 20px;
        border-radius: 24px;
        background: var(--k-panel);
      }
      /* Twenty narrow columns: a key spans two, the middle row starts half a key in. */
      .row {
        display: grid;
        grid-template-columns: repeat(20, minmax(0, 1fr));
        gap: 10px;
      }
      .key {
        grid-column: span 2;
        height: 110px;
        border: 0;
        border-radius: 14px;
        background: #e8eef8;
        color: #111;
        font-size: 50px;
        font-weight: 700;
      }
      .row.middle .key:first-child {
        grid-column: 2 / span 2;
      }
      .key.wide {
        grid-column: span 3;
        font-size: 38px;
        background: var(--k-panel-2);
        color: var(--k-text);
        border: 3px solid var(--k-line);
      }
    `,
  ];

  @property({ attribute: false }) index: SearchEntry[] = [];
  @property({ attribute: false }) words!: MessageTable['kiosk'];
  /** While a ticket is being taken, results cannot be chosen twice. */
  @property({ type: Boolean }) busy = false;

  @state() private _query = '';
  @query('input') private _input!: HTMLInputElement;

  override render() {
    const w = this.words;
    const hits = searchServices(this.index, this._query);
    return html`
      <header>
        <button class="back" @click=${this._onBack}>${w.back}</button>
        <h1>${w.searchTitle}</h1>
      </header>
      <input
        name="search"
        type="search"
        inputmode="none"
        autocomplete="off"
        spellcheck="false"
        .value=${this._query}
        placeholder=${w.searchPlaceholder}
        aria-label=${w.searchTitle}
        @input=${this._onInput}
      />
      ${this._query === ''
        ? html`<div class="hint">${w.searchHint}</div>`
        : html`<div class="count" role="status">${w.searchCount(hits.length)}</div>`}
      <div class="results">
        ${this._query !== '' && hits.length === 0 ? html`<div class="empty">${w.searchEmpty}</div>` : nothing}
        ${hits.map((h) => this._hit(h))}
      </div>
      <div class="keyboard" role="group">
        ${ROWS.map(
          (row, i) => html`<div class="row ${i === 1 ? 'middle' : ''}">
            ${[...row].map((k) => html`<button class="key" @click=${() => this._type(k.toLowerCase())}>${k}</button>`)}
            ${i === 2
              ? html`<button class="key wide" @click=${this._onDelete}>${w.keyDelete}</button
                  ><button class="key wide" @click=${this._onClear}>${w.keyClear}</button>`
              : nothing}
          </div>`,
        )}
      </div>
    `;
  }

  private _hit(h: SearchHit) {
    const marked = new Set(h.marks);
    const where = h.kind === 'area' ? this.words.wholeArea : [h.areaName, h.department].filter(Boolean).join(' · ');
    return html`<button class="hit ${h.kind}" ?disabled=${this.busy} @click=${() => this._choose(h)}>
      <span class="prefix" aria-hidden="true">${h.prefix}</span>
      <span>
        <div class="name">${[...h.name].map((ch, i) => (marked.has(i) ? html`<mark>${ch}</mark>` : ch))}</div>
        <div class="where">${where}</div>
      </span>
    </button>`;
  }

  private _type(letter: string) {
    this._query += letter;
  }

  private _onInput() {
    this._query = this._input.value;
  }

  private _onDelete() {
    this._query = [...this._query].slice(0, -1).join('');
  }

  private _onClear() {
    this._query = '';
  }

  private _choose(h: SearchHit) {
    this.dispatchEvent(new CustomEvent<KioskChoice>('qms-kiosk-choose', { detail: { areaId: h.areaId, serviceId: h.serviceId }, bubbles: true, composed: true }));
  }

  private _onBack() {
    this.dispatchEvent(new CustomEvent('qms-kiosk-back', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-kiosk-search': QmsKioskSearch;
  }
}
