/**
 * The honour board (光荣榜): windows and clerks by citizens served, with the wait of the citizens
 * they called, their service time and their ratings, for a range of days.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HonourBoard, HonourEntry } from '../../server/domain/statistics';
import { addDays } from '../../server/domain/time';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { managerStyles } from './manager-styles';
import './qms-date-range';
import type { DateRange } from './qms-date-range';
import { duration, percent, type ManagerWords } from './manager-words';
import { honourBoardStyles } from './qms-honour-board-styles';

/** The board looks back a month by default. */
const DEFAULT_DAYS = 30;

@customElement('qms-honour-board')
export class QmsHonourBoard extends LitElement {
  static override styles = [baseStyles, managerStyles, honourBoardStyles];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property() today = '';

  @state() private _from = '';
  @state() private _to = '';
  @state() private _board: HonourBoard | null = null;
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this._to ||= this.today;
    this._from ||= addDays(this.today, -(DEFAULT_DAYS - 1));
    void this.load();
  }

  private readonly _onRange = (e: CustomEvent<DateRange>): void => {
    this._from = e.detail.from;
    this._to = e.detail.to;
    void this.load();
  };

  async load(): Promise<void> {
    try {
      this._board = await this.api.get<HonourBoard>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/honours?from=${this._from}&to=${this._to}`);
      this._error = '';
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  override render() {
    const h = this.words.honour;
    return html`
      <h2>${h.title}</h2>
      <qms-date-range .from=${this._from} .to=${this._to} .words=${this.words} today=${this.today} @qms-range-submit=${this._onRange}>
        ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
      </qms-date-range>
      ${
        this._board
          ? html`<div class="boards">
            ${this._table(h.windows, 'windows', this._board.windows, (e) => `${e.number} ${e.name}`)}
            ${this._table(h.clerks, 'clerks', this._board.clerks, (e) => (e.staffNo ? `${e.name}（${e.staffNo}）` : e.name))}
          </div>`
          : ''
      }
    `;
  }

  private _table(title: string, id: string, rows: HonourEntry[], name: (e: HonourEntry) => string): TemplateResult {
    const s = this.words.stats;
    const h = this.words.honour;
    return html`<section class="panel" data-board=${id}>
      <h2>${title}</h2>
      ${
        rows.length === 0
          ? html`<p class="muted">${h.none}</p>`
          : html`<table>
            <thead>
              <tr><th>${h.rank}</th><th>${s.name}</th><th class="num">${s.served}</th><th class="num">${s.waitAvg}</th><th class="num">${s.serviceAvg}</th><th class="num">${s.ratings}</th><th class="num">${s.goodRate}</th></tr>
            </thead>
            <tbody>
              ${rows.map(
                (e, i) => html`<tr class=${i < 3 ? 'top' : ''} data-id=${e.id}>
                  <td>${i + 1}</td><td>${name(e)}</td><td class="num">${e.served}</td><td class="num">${duration(e.avgWaitSeconds, this.words)}</td
                  ><td class="num">${duration(e.avgServiceSeconds, this.words)}</td><td class="num">${e.ratings}</td><td class="num">${percent(e.goodRate)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-honour-board': QmsHonourBoard;
  }
}
