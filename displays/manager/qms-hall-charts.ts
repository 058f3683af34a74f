/**
 * The day so far as three charts (chart.js on canvases): citizens waiting through the day, tickets
 * issued and served per hour, and how long today's citizens waited. Charts are made once and
 * updated in place, without animation, so the board never flickers.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { LitElement, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { HallOverview } from '../../server/domain/hall-overview';
import { baseStyles, FONT_STACK } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';
import { hallChartsStyles } from './qms-hall-charts-styles';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);

const TEXT = '#c9d6ea';
const GRID = 'rgba(201, 214, 234, 0.15)';

type Charts = HallOverview['charts'];

@customElement('qms-hall-charts')
export class QmsHallCharts extends LitElement {
  static override styles = [baseStyles, managerStyles, hallChartsStyles];

  @property({ attribute: false }) charts: Charts | null = null;
  @property({ attribute: false }) words!: ManagerWords;

  @query('#waiting') private _waitingCanvas!: HTMLCanvasElement;
  @query('#per-hour') private _hourCanvas!: HTMLCanvasElement;
  @query('#distribution') private _distCanvas!: HTMLCanvasElement;

  private _waiting: Chart<'line'> | null = null;
  private _perHour: Chart<'bar'> | null = null;
  private _distribution: Chart<'bar'> | null = null;

  override render() {
    const c = this.words.charts;
    return html`
      <figure class="panel"><figcaption>${c.waitingTitle}</figcaption><div class="box"><canvas id="waiting" role="img" aria-label=${c.waitingTitle}></canvas></div></figure>
      <figure class="panel"><figcaption>${c.perHourTitle}</figcaption><div class="box"><canvas id="per-hour" role="img" aria-label=${c.perHourTitle}></canvas></div></figure>
      <figure class="panel"><figcaption>${c.distributionTitle}</figcaption><div class="box"><canvas id="distribution" role="img" aria-label=${c.distributionTitle}></canvas></div></figure>
    `;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const chart of [this._waiting, this._perHour, this._distribution]) chart?.destroy();
    this._waiting = this._perHour = this._distribution = null;
  }

  protected override updated(): void {
    const data = this.charts;
    if (!data) return;
    const c = this.words.charts;
    const waitingLabels = data.waiting.map((p) => p.time);
    const hourLabels = data.servedPerHour.map((h) => fill(c.hour, { h: h.hour }));
    const bucketLabels = data.waitDistribution.map((b) =>
      b.toMinutes === null ? fill(c.bucketOpen, { from: b.fromMinutes }) : fill(c.bucket, { from: b.fromMinutes, to: b.toMinutes }),
    );

    this._waiting = upsert(this._waiting, this._waitingCanvas, {
      type: 'line',
      data: {
        labels: waitingLabels,
        datasets: [
          {
            label: c.waiting,
            data: data.waiting.map((p) => p.waiting),
            borderColor: '#ffd54a',
            backgroundColor: 'rgba(255, 213, 74, 0.2)',
            fill: true,
            pointRadius: 0,
            tension: 0.25,
          },
        ],
      },
      options: baseOptions(false),
    });
    this._perHour = upsert(this._perHour, this._hourCanvas, {
      type: 'bar',
      data: {
        labels: hourLabels,
        datasets: [
          { label: c.issued, data: data.servedPerHour.map((h) => h.issued), backgroundColor: '#5fa8ff' },
          { label: c.served, data: data.servedPerHour.map((h) => h.served), backgroundColor: '#2ecc71' },
        ],
      },
      options: baseOptions(true),
    });
    this._distribution = upsert(this._distribution, this._distCanvas, {
      type: 'bar',
      data: { labels: bucketLabels, datasets: [{ label: c.people, data: data.waitDistribution.map((b) => b.count), backgroundColor: '#ff9f43' }] },
      options: baseOptions(false),
    });
  }
}

function baseOptions(legend: boolean) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: { legend: { display: legend, labels: { color: TEXT, font: { family: FONT_STACK, size: 12 }, boxWidth: 12 } }, tooltip: { enabled: true } },
    scales: {
      x: { ticks: { color: TEXT, font: { family: FONT_STACK, size: 11 }, maxRotation: 0, autoSkip: true }, grid: { color: GRID } },
      y: { beginAtZero: true, ticks: { color: TEXT, precision: 0, font: { family: FONT_STACK, size: 11 } }, grid: { color: GRID } },
    },
  };
}

/** Creates the chart the first time, then swaps its data and redraws without animation. */
function upsert<T extends 'line' | 'bar'>(chart: Chart<T> | null, canvas: HTMLCanvasElement, config: ChartConfiguration<T>): Chart<T> {
  if (!chart) return new Chart(canvas, config);
  chart.data = config.data;
  chart.update('none');
  return chart;
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-hall-charts': QmsHallCharts;
  }
}
