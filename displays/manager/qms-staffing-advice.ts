/**
 * 排班建议 on the manager page: for tomorrow or the next week, a table per day of areas × open
 * hours — the windows advised to keep nine citizens in ten within the hall's wait target, the
 * expected tickets under it — beside the windows configured for each area, the gap marked (red:
 * short, grey: spare), and the same as CSV.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { addDays } from '../../server/domain/time';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';
import { staffingAdviceStyles } from './qms-staffing-advice-styles';

interface Cell {
  hour: number;
  expected: number;
  windows: number;
  configured: number;
  gap: number;
  p90WithConfigured: number | null;
}
interface Advice {
  targetMinutes: number;
  areas: Array<{ areaId: string; name: string; prefix: string }>;
  days: Array<{ day: string; areas: Array<{ areaId: string; holdMinutes: number; hours: Cell[] }> }>;
}

type Span = 'tomorrow' | 'week';

@customElement('qms-staffing-advice')
export class QmsStaffingAdvice extends LitElement {
  static override styles = [baseStyles, managerStyles, staffingAdviceStyles];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property() today = '';
  @property() locale = 'zh-CN';
  @property({ attribute: false }) token: string | null = null;

  @state() private _span: Span = 'tomorrow';
  @state() private _advice: Advice | null = null;
  @state() private _error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get _range(): { from: string; to: string } {
    const from = addDays(this.today, 1);
    return { from, to: this._span === 'tomorrow' ? from : addDays(from, 6) };
  }

  async load(): Promise<void> {
    const { from, to } = this._range;
    try {
      this._advice = await this.api.get<Advice>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/staffing?from=${from}&to=${to}`);
      this._error = '';
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  private _show(span: Span): void {
    this._span = span;
    void this.load();
  }

  override render() {
    const w = this.words.staffing;
    const a = this._advice;
    return html`
      <h2>${this.words.tabs.staffing}</h2>
      <div class="bar">
        <button type="button" data-span="tomorrow" aria-pressed=${this._span === 'tomorrow' ? 'true' : 'false'} @click=${() => this._show('tomorrow')}>${w.tomorrow}</button>
        <button type="button" data-span="week" aria-pressed=${this._span === 'week' ? 'true' : 'false'} @click=${() => this._show('week')}>${w.week}</button>
        ${a ? html`<span class="muted" data-target>${fill(w.target, { n: a.targetMinutes })}</span>` : ''}
        <button type="button" class="csv" @click=${this._csv}>${w.csvLink}</button>
        ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
      </div>
      <p class="muted">${w.legend} ${w.method}</p>
      ${a ? a.days.filter((d) => d.areas.some((x) => x.hours.length > 0)).map((d) => this._day(a, d)) : ''}
    `;
  }

  private _day(a: Advice, d: Advice['days'][number]): TemplateResult {
    const w = this.words.staffing;
    const hours = [...new Set(d.areas.flatMap((x) => x.hours.map((h) => h.hour)))].sort((x, y) => x - y);
    const names = new Map(a.areas.map((x) => [x.areaId, x.name]));
    return html`<section class="panel" data-day=${d.day}>
      <h2>${d.day}</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>${w.area}</th>
              <th class="num">${w.configured}</th>
              ${hours.map((h) => html`<th class="num">${String(h).padStart(2, '0')}:00</th>`)}
            </tr>
          </thead>
          <tbody>
            ${d.areas.map((x) => {
              const byHour = new Map(x.hours.map((h) => [h.hour, h]));
              const configured = x.hours[0]?.configured ?? 0;
              return html`<tr data-area=${x.areaId}>
                <td>${names.get(x.areaId) ?? x.areaId}</td>
                <td class="num" data-configured>${configured}</td>
                ${hours.map((h) => {
                  const c = byHour.get(h);
                  if (!c) return html`<td></td>`;
                  const cls = c.gap > 0 ? 'short' : c.gap < 0 ? 'spare' : 'ok';
                  const title = c.gap > 0 ? fill(w.more, { n: c.gap }) : c.gap < 0 ? fill(w.spare, { n: -c.gap }) : w.ok;
                  return html`<td class="cell ${cls}" data-hour=${h} data-gap=${c.gap} title=${title}>${c.windows}<small>${w.expected} ${Math.round(c.expected)}</small></td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** Downloads the CSV: fetched with the page's token, then saved under the server's file name. */
  private readonly _csv = async (): Promise<void> => {
    const { from, to } = this._range;
    const res = await fetch(`/api/v1/halls/${encodeURIComponent(this.hallId)}/staffing.csv?from=${from}&to=${to}&lang=${this.locale}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    if (!res.ok) return;
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'staffing.csv';
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-staffing-advice': QmsStaffingAdvice;
  }
}
