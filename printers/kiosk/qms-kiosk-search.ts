/**
 * Service search on the kiosk: an on-screen letter keyboard (a kiosk has no keyboard, and pinyin
 * is how most people type Chinese), live results with the matched characters marked, and a tap on
 * a result chooses it (`qms-kiosk-choose`). A physical keyboard or an IME works in the field too.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { searchServices, type SearchEntry, type SearchHit } from '../../displays/shared/service-search';
import { kioskSearchStyles } from './qms-kiosk-search-styles';

export interface KioskChoice {
  areaId: string;
  serviceId: string | null;
}

const ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

@customElement('qms-kiosk-search')
export class QmsKioskSearch extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskSearchStyles];

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
        ${h.alias ? html`<div class="alias">${h.alias}</div>` : nothing}
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
