/**
 * Statistics for a range of days (统计报表; 今日 / 本月 / 上月 in one click): the hall's figures, two
 * charts (issued and served by area, and per day — or per hour for one day), then tables by area,
 * session, hour, window and clerk; and the same as a CSV file for spreadsheets. An area that served
 * more than it issued says why (transfers in, journeys' next steps) in a footnote.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { HallStats, StatsFigures } from '../../server/domain/statistics';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import './qms-date-range';
import type { DateRange } from './qms-date-range';
import { duration, percent, type ManagerWords } from './manager-words';
import { statsReportStyles } from './qms-stats-report-styles';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const TEXT = '#c9d6ea';
const GRID = 'rgba(201, 214, 234, 0.15)';

@customElement('qms-stats-report')
export class QmsStatsReport extends LitElement {
  static override styles = [baseStyles, managerStyles, statsReportStyles];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property() today = '';
  /** For the CSV download, which is a file rather than JSON. */
  @property({ attribute: false }) token: string | null = null;
  @property() locale = 'zh-CN';

  @state() private _from = '';
  @state() private _to = '';
  @state() private _stats: HallStats | null = null;
  @state() private _error = '';
  @query('#chart-area') private _areaCanvas?: HTMLCanvasElement;
  @query('#chart-time') private _timeCanvas?: HTMLCanvasElement;
  private _charts: Chart<'bar'>[] = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this._charts) c.destroy();
    this._charts = [];
  }

  protected override updated(): void {
    const st = this._stats;
    if (!st || !this._areaCanvas || !this._timeCanvas) return;
    const s = this.words.stats;
    const byDay = st.from !== st.to;
    const time = byDay
      ? { labels: st.byDay.map((d) => d.day.slice(5)), rows: st.byDay }
      : { labels: st.byHour.map((h) => fill(s.hour, { h: String(h.hour).padStart(2, '0') }).slice(0, 5)), rows: st.byHour };
    const configs: Array<[HTMLCanvasElement, string[], StatsFigures[]]> = [
      [this._areaCanvas, st.byArea.map((a) => a.name), st.byArea],
      [this._timeCanvas, time.labels, time.rows],
    ];
    configs.forEach(([canvas, labels, rows], i) => {
      const data = {
        labels,
        datasets: [
          { label: s.issued, data: rows.map((r) => r.issued), backgroundColor: '#5fa8ff' },
          { label: s.served, data: rows.map((r) => r.served), backgroundColor: '#2ecc71' },
        ],
      };
      const existing = this._charts[i];
      if (existing && existing.canvas === canvas) {
        existing.data = data;
        existing.update('none');
        return;
      }
      existing?.destroy();
      this._charts[i] = new Chart(canvas, {
        type: 'bar',
        data,
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { labels: { color: TEXT, boxWidth: 12 } } },
          scales: {
            x: { ticks: { color: TEXT, autoSkip: true, maxRotation: 0 }, grid: { color: GRID } },
            y: { beginAtZero: true, ticks: { color: TEXT, precision: 0 }, grid: { color: GRID } },
          },
        },
      });
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._from ||= this.today;
    this._to ||= this.today;
    void this.load();
  }

  async load(): Promise<void> {
    this._error = '';
    try {
      this._stats = await this.api.get<HallStats>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/stats?from=${this._from}&to=${this._to}`);
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  override render() {
    const s = this.words.stats;
    return html`
      <qms-date-range .from=${this._from} .to=${this._to} .words=${this.words} today=${this.today} @qms-range-change=${this._onRange} @qms-range-submit=${() => void this.load()}>
        <button type="button" class="csv" @click=${this._csv}>${s.exportCsv}</button>
        ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
      </qms-date-range>
      ${this._stats ? this._report(this._stats) : ''}
    `;
  }

  private _report(st: HallStats): TemplateResult {
    const s = this.words.stats;
    const cards: Array<[string, string, string]> = [
      ['issued', s.issued, String(st.issued)],
      ['served', s.served, String(st.served)],
      ['no-show', s.noShow, `${st.noShow}（${percent(st.noShowRate)}）`],
      ['wait-avg', s.waitAvg, duration(st.wait.avgSeconds, this.words)],
      ['wait-p50', s.waitP50, duration(st.wait.p50Seconds, this.words)],
      ['wait-p90', s.waitP90, duration(st.wait.p90Seconds, this.words)],
      ['wait-max', s.waitMax, duration(st.wait.maxSeconds, this.words)],
      ['service-avg', s.serviceAvg, duration(st.service.avgSeconds, this.words)],
      ['ratings', s.ratings, String(st.satisfaction.ratings)],
      ['good-rate', s.goodRate, percent(st.satisfaction.goodRate)],
    ];
    return html`
      <div class="cards">${cards.map(([id, k, v]) => html`<div class="card" data-figure=${id}><div class="k">${k}</div><div class="v">${v}</div></div>`)}</div>
      <p class="definition muted">${s.definition}</p>
      ${st.days.length === 0 ? html`<p class="muted">${s.empty}</p>` : ''}
      <div class="charts">
        <figure class="panel"><figcaption>${s.chartByArea}</figcaption><div class="box"><canvas id="chart-area" role="img" aria-label=${s.chartByArea}></canvas></div></figure>
        <figure class="panel">
          <figcaption>${st.from !== st.to ? s.chartByDay : s.chartByHour}</figcaption>
          <div class="box"><canvas id="chart-time" role="img" aria-label=${st.from !== st.to ? s.chartByDay : s.chartByHour}></canvas></div>
        </figure>
      </div>
      <div class="tables">
        ${this._table(
          s.byArea,
          'by-area',
          st.byArea.map((a) => [`${a.prefix} ${a.name}`, a]),
          true,
          true,
        )}
        ${this._table(
          s.bySession,
          'by-session',
          st.bySession.map((x) => [s.sessions[x.session], x]),
        )}
        ${this._table(
          s.byHour,
          'by-hour',
          st.byHour.map((h) => [fill(s.hour, { h: String(h.hour).padStart(2, '0') }), h]),
        )}
        ${this._table(
          s.byDay,
          'by-day',
          st.byDay.map((d) => [d.day, d]),
        )}
        ${this._table(
          s.byWindow,
          'by-window',
          st.byWindow.filter((w) => w.served + w.noShow + w.wait.count > 0).map((w) => [`${w.number} ${w.name}`, w]),
          false,
        )}
        ${this._table(
          s.byClerk,
          'by-clerk',
          st.byClerk.map((c) => [c.staffNo ? `${c.name}（${c.staffNo}）` : c.name, c]),
          false,
        )}
      </div>
    `;
  }

  /** A breakdown; windows and clerks issue no tickets, so their tables have no 取号 column. */
  private _table(title: string, id: string, rows: Array<[string, StatsFigures]>, issued = true, areas = false): TemplateResult {
    const s = this.words.stats;
    const more = (f: StatsFigures) => areas && f.served > f.issued;
    return html`<section class="panel" data-table=${id}>
      <h2>${title}</h2>
      <table>
        <thead>
          <tr>
            <th>${s.name}</th>${issued ? html`<th class="num">${s.issued}</th>` : ''}<th class="num">${s.served}</th>${areas ? html`<th class="num">${s.transferredOut}</th>` : ''}<th class="num">${s.noShowRate}</th><th class="num">${s.waitAvg}</th
            ><th class="num">${s.waitP90}</th><th class="num">${s.serviceAvg}</th><th class="num">${s.goodRate}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([name, f]) => html`<tr class=${more(f) ? 'served-more' : ''}>
              <td>${name}</td>${issued ? html`<td class="num">${f.issued}</td>` : ''}<td class="num" data-col="served">${f.served}${more(f) ? html`<sup title=${s.servedMore} aria-label=${s.servedMore}>*</sup>` : ''}</td
              >${areas ? html`<td class="num" data-col="transferred">${f.transferred}</td>` : ''}<td class="num">${percent(f.noShowRate)}</td
              ><td class="num">${duration(f.wait.avgSeconds, this.words)}</td><td class="num">${duration(f.wait.p90Seconds, this.words)}</td
              ><td class="num">${duration(f.service.avgSeconds, this.words)}</td><td class="num">${percent(f.goodRate)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${areas && rows.some(([, f]) => more(f)) ? html`<p class="footnote muted">${s.servedNote}</p>` : ''}
    </section>`;
  }

  private readonly _onRange = (e: CustomEvent<DateRange>): void => {
    this._from = e.detail.from;
    this._to = e.detail.to;
  };

  /** Downloads the CSV: fetched with the page's token, then saved under the server's file name. */
  private async _csv(): Promise<void> {
    const res = await fetch(`/api/v1/halls/${encodeURIComponent(this.hallId)}/stats.csv?from=${this._from}&to=${this._to}&lang=${this.locale}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    if (!res.ok) {
      this._error = this.words.stats.badRange;
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'stats.csv';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-stats-report': QmsStatsReport;
  }
}
