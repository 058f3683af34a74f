/**
 * The from–to form of the manager's report tabs (statistics, honour board): two hall dates and 查询.
 * Fires `qms-range-change` with `{from, to}` as a date is changed and `qms-range-submit` with the
 * same on 查询 or on a quick range (今日 / 本月 / 上月, hall calendar months; shown when `today` is set).
 * Slotted content (an export button, an error) sits at the end of the row.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { QUICK_RANGES, quickRange, type QuickRange } from '../../server/domain/report-ranges';
import { baseStyles } from '../shared/page-styles';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';
import { dateRangeStyles } from './qms-date-range-styles';

export interface DateRange {
  from: string;
  to: string;
}

@customElement('qms-date-range')
export class QmsDateRange extends LitElement {
  static override styles = [baseStyles, managerStyles, dateRangeStyles];

  /** `YYYY-MM-DD`, hall dates. */
  @property() from = '';
  @property() to = '';
  @property({ attribute: false }) words!: ManagerWords;
  /** The hall's date: offers the quick ranges. */
  @property() today = '';

  override render() {
    const s = this.words.stats;
    const current = QUICK_RANGES.find((q) => {
      const r = this.today ? quickRange(q, this.today) : null;
      return r !== null && r.from === this.from && r.to === this.to;
    });
    return html`<form @submit=${this._onSubmit}>
      ${
        this.today
          ? html`<div class="quick" role="group" aria-label=${s.quickLabel}>
            ${QUICK_RANGES.map(
              (q) =>
                html`<button type="button" data-range=${q} aria-pressed=${current === q ? 'true' : 'false'} @click=${() => this._quick(q)}>${s.quick[q]}</button>`,
            )}
          </div>`
          : ''
      }
      <label>${s.from} <input type="date" name="from" .value=${this.from} @change=${this._onChange} required /></label>
      <label>${s.to} <input type="date" name="to" .value=${this.to} @change=${this._onChange} required /></label>
      <button class="primary" type="submit">${s.query}</button>
      <slot></slot>
    </form>`;
  }

  private _onChange(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.name === 'from') this.from = input.value;
    else this.to = input.value;
    this._fire('qms-range-change');
  }

  private _quick(q: QuickRange): void {
    const r = quickRange(q, this.today);
    this.from = r.from;
    this.to = r.to;
    this._fire('qms-range-change');
    this._fire('qms-range-submit');
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this._fire('qms-range-submit');
  }

  private _fire(type: 'qms-range-change' | 'qms-range-submit'): void {
    this.dispatchEvent(new CustomEvent<DateRange>(type, { detail: { from: this.from, to: this.to }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-date-range': QmsDateRange;
  }
}
