/**
 * Finding a service on the kiosk, two ways. Typing: an on-screen keyboard (a kiosk has no
 * keyboard, and pinyin is how most people type Chinese) with a row of digits for an item's code
 * (事项编码, as a 办事指南 or a form prints it), live results with the matched characters marked.
 * Browsing, for citizens who do not type (many older ones): the hall's areas as a list, then an
 * area's items grouped by department — touches only. A tap on a result chooses it
 * (`qms-kiosk-choose`). A physical keyboard or an IME works in the field too. Each result says when
 * its area has no window open (`staffing`), and an area no window serves cannot be chosen.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MessageTable } from '../../server/i18n';
import type { AreaStaffing } from '../../server/domain/open-windows';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { browseArea, browseAreas, searchServices, type SearchEntry, type SearchHit } from '../../displays/shared/service-search';
import { kioskSearchStyles } from './qms-kiosk-search-styles';

export interface KioskChoice {
  areaId: string;
  serviceId: string | null;
}

const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

type Mode = 'type' | 'browse';

@customElement('qms-kiosk-search')
export class QmsKioskSearch extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskSearchStyles];

  @property({ attribute: false }) index: SearchEntry[] = [];
  @property({ attribute: false }) words!: MessageTable['kiosk'];
  /** While a ticket is being taken, results cannot be chosen twice. */
  @property({ type: Boolean }) busy = false;
  /** Opens on browsing (the start screen's 按类别查找) instead of the keyboard. */
  @property() mode: Mode = 'type';
  /** Whether anyone calls an area now; absent: not known (every area as open). */
  @property({ attribute: false }) staffing: (areaId: string) => AreaStaffing = () => ({ kind: 'open', windows: 0 });

  @state() private _query = '';
  /** Browsing: the area opened, or null for the list of areas. */
  @state() private _area: string | null = null;
  @query('input') private _input!: HTMLInputElement;

  override render() {
    const w = this.words;
    const browsing = this.mode === 'browse';
    return html`
      <header>
        <button class="back" @click=${this._onBack}>${w.back}</button>
        <h1>${browsing ? w.browseTitle : w.searchTitle}</h1>
      </header>
      ${browsing ? this._browse() : this._type()}
    `;
  }

  private _type() {
    const w = this.words;
    const hits = searchServices(this.index, this._query);
    return html`<div class="bar"><input
        name="search"
        type="search"
        inputmode="none"
        autocomplete="off"
        spellcheck="false"
        .value=${this._query}
        placeholder=${w.searchPlaceholder}
        aria-label=${w.searchTitle}
        @input=${this._onInput}
      />${this._switch()}</div>
      ${this._query === '' ? html`<div class="hint">${w.searchHint}</div>` : html`<div class="count" role="status">${w.searchCount(hits.length)}</div>`}
      <div class="results">
        ${this._query !== '' && hits.length === 0 ? html`<div class="empty">${w.searchEmpty}</div>` : nothing}
        ${hits.map((h) => this._hit(h))}
      </div>
      <div class="keyboard" role="group">
        ${ROWS.map(
          (row, i) => html`<div class="row ${i === 2 ? 'middle' : ''} ${i === 0 ? 'digits' : ''}">
            ${[...row].map((k) => html`<button class="key" @click=${() => this._typeKey(k.toLowerCase())}>${k}</button>`)}
            ${
              i === 3
                ? html`<button class="key wide" @click=${this._onDelete}>${w.keyDelete}</button
                  ><button class="key wide" @click=${this._onClear}>${w.keyClear}</button>`
                : nothing
            }
          </div>`,
        )}
      </div>`;
  }

  private _browse() {
    const w = this.words;
    const area = this._area === null ? undefined : this.index.find((e) => e.kind === 'area' && e.areaId === this._area);
    if (!area) {
      return html`<div class="bar"><div class="hint">${w.browseHint}</div>${this._switch()}</div>
        <div class="results browse">
          ${browseAreas(this.index).map(
            ({ entry, items }) => html`<button class="hit area" data-area=${entry.areaId} @click=${() => (this._area = entry.areaId)}>
              <span class="prefix" aria-hidden="true">${entry.prefix}</span>
              <span>
                <div class="name">${entry.name}</div>
                <div class="where">${w.browseCount(items)}${this._staffingNote(entry.areaId, w.listSeparator)}</div>
              </span>
            </button>`,
          )}
        </div>`;
    }
    return html`<div class="bar"><button class="back all-areas" @click=${() => (this._area = null)}>← ${w.allAreas}</button>${this._switch()}</div>
      <div class="results browse">
        ${this._hit({ ...area, marks: [], alias: null, codeMatch: null })}
        ${browseArea(this.index, area.areaId).map(
          (g) => html`${g.department ? html`<h2 class="department">${g.department}</h2>` : nothing}
          ${g.items.map((e) => this._hit({ ...e, marks: [], alias: null, codeMatch: null }, false))}`,
        )}
      </div>`;
  }

  /** From typing to browsing and back: a big button beside the search field or the browse list. */
  private _switch() {
    const browsing = this.mode === 'browse';
    const w = this.words;
    return html`<button class="back switch" data-mode=${browsing ? 'type' : 'browse'} @click=${this._onSwitch}>
      ${browsing ? w.typeSearch : w.browse}${browsing ? nothing : html`<span class="note">${w.browseNote}</span>`}
    </button>`;
  }

  /** `· 暂无开放窗口` after a line, or nothing while the area's windows are open. */
  private _staffingNote(areaId: string, separator: string) {
    const kind = this.staffing(areaId).kind;
    return kind === 'open' ? nothing : html`${separator}<span class="staffing" data-staffing=${kind}>${this.words.staffing[kind]}</span>`;
  }

  private _hit(h: SearchHit, showArea = true) {
    const w = this.words;
    const marked = new Set(h.marks);
    const unserved = this.staffing(h.areaId).kind === 'unserved';
    const where = h.kind === 'area' ? w.wholeArea : [showArea ? h.areaName : '', h.department && showArea ? h.department : ''].filter(Boolean).join(' · ');
    return html`<button class="hit ${h.kind}" data-service=${h.serviceId ?? ''} ?disabled=${this.busy || unserved} @click=${() => this._choose(h)}>
      <span class="prefix" aria-hidden="true">${h.prefix}</span>
      <span>
        <div class="name">${[...h.name].map((ch, i) => (marked.has(i) ? html`<mark>${ch}</mark>` : ch))}</div>
        ${h.alias ? html`<div class="alias">${h.alias}</div>` : nothing}
        ${h.codeMatch ? html`<div class="code">${w.code} ${h.codeMatch}</div>` : nothing}
        ${where || this.staffing(h.areaId).kind !== 'open' ? html`<div class="where">${where}${this._staffingNote(h.areaId, where ? w.listSeparator : '')}</div>` : nothing}
      </span>
    </button>`;
  }

  private _typeKey(key: string) {
    this._query += key;
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

  private _onSwitch() {
    this.mode = this.mode === 'browse' ? 'type' : 'browse';
    this._area = null;
  }

  private _choose(h: SearchHit) {
    this.dispatchEvent(
      new CustomEvent<KioskChoice>('qms-kiosk-choose', { detail: { areaId: h.areaId, serviceId: h.serviceId }, bubbles: true, composed: true }),
    );
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
