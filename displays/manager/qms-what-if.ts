/**
 * 假如调整窗口 on the live board: the manager picks a window and "open it for area X" or "close
 * it", and sees each affected area's expected wait now and in an hour, without → with the change
 * (`POST .../what-if`; nothing is changed).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';

interface WhatIfArea {
  areaId: string;
  waiting: number;
  arrivalsNextHour: number;
  now: { without: number | null; with: number | null };
  inAnHour: { without: number | null; with: number | null };
}
interface WindowChoice {
  id: string;
  number: number;
  name: string;
  status: string;
  areaIds: string[];
}

@customElement('qms-what-if')
export class QmsWhatIf extends LitElement {
  static override styles = [
    baseStyles,
    managerStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      select {
        max-width: 12rem;
      }
      table {
        width: 100%;
      }
      th {
        white-space: normal;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      td.better {
        color: #7ee2a8;
        font-weight: 700;
      }
      td.worse {
        color: #ffb3b3;
        font-weight: 700;
      }
      .error {
        color: #ffb3b3;
      }
    `,
  ];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property({ attribute: false }) windows: WindowChoice[] = [];
  @property({ attribute: false }) areaNames = new Map<string, string>();

  @state() private _windowId = '';
  @state() private _action: 'open' | 'close' = 'open';
  @state() private _areaId = '';
  @state() private _answer: WhatIfArea[] | null = null;
  @state() private _error = '';

  private _minutes(m: number | null): string {
    return m === null ? this.words.whatIf.none : fill(this.words.whatIf.minutes, { n: m });
  }

  private readonly _ask = async (e: Event): Promise<void> => {
    e.preventDefault();
    const windowId = this._windowId || this.windows[0]?.id || '';
    const areaId = this._areaId || [...this.areaNames.keys()][0] || '';
    const body = this._action === 'open' ? { action: 'open', windowId, areaId } : { action: 'close', windowId };
    try {
      this._answer = (await this.api.post<{ areas: WhatIfArea[] }>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/what-if`, body)).areas;
      this._error = '';
    } catch (err) {
      this._answer = null;
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  };

  override render() {
    const w = this.words.whatIf;
    const cell = (x: { without: number | null; with: number | null }, kind: string) => {
      const cls =
        x.with === null || x.without === null ? (x.with === null ? 'worse' : 'better') : x.with < x.without ? 'better' : x.with > x.without ? 'worse' : '';
      return html`<td class="num ${cls}" data-when=${kind}>${fill(w.change, { without: this._minutes(x.without), with: this._minutes(x.with) })}</td>`;
    };
    return html`<section class="panel" aria-label=${w.title}>
      <h2>${w.title}</h2>
      <form @submit=${this._ask}>
        <label>${w.window}
          <select name="window" @change=${(e: Event) => (this._windowId = (e.target as HTMLSelectElement).value)}>
            ${this.windows.map((x) => html`<option value=${x.id} ?selected=${x.id === this._windowId}>${x.number} ${x.name}</option>`)}
          </select>
        </label>
        <select name="action" @change=${(e: Event) => (this._action = (e.target as HTMLSelectElement).value as 'open' | 'close')}>
          <option value="open" ?selected=${this._action === 'open'}>${w.open}</option>
          <option value="close" ?selected=${this._action === 'close'}>${w.close}</option>
        </select>
        ${
          this._action === 'open'
            ? html`<select name="area" @change=${(e: Event) => (this._areaId = (e.target as HTMLSelectElement).value)}>
              ${[...this.areaNames].map(([id, name]) => html`<option value=${id} ?selected=${id === this._areaId}>${name}</option>`)}
            </select>`
            : ''
        }
        <button type="submit">${w.ask}</button>
        ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
      </form>
      ${
        this._answer
          ? html`<table>
              <thead><tr><th>${w.area}</th><th class="num">${w.waiting}</th><th class="num">${w.now}</th><th class="num">${w.inAnHour}</th></tr></thead>
              <tbody>
                ${this._answer.map(
                  (a) =>
                    html`<tr data-area=${a.areaId}><td>${this.areaNames.get(a.areaId) ?? a.areaId}</td><td class="num">${a.waiting}</td>${cell(a.now, 'now')}${cell(a.inAnHour, 'hour')}</tr>`,
                )}
              </tbody>
            </table>
            <p class="muted">${fill(w.note, { n: this._answer.reduce((n, a) => n + a.arrivalsNextHour, 0) })}</p>`
          : ''
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-what-if': QmsWhatIf;
  }
}
