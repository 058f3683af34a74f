/**
 * 什么时候来人少: the expected wait for one area (or a service item's area) at each open hour of
 * the coming week, as a small heat map, and a line in words ("现在约 25 分钟；14:00 约 8 分钟").
 * Rows are hours and columns the open days, so a phone's width holds a week in large type. Every
 * cell says its minutes; the shade and the shape of its mark repeat the level for those who see
 * colour, never replace it (人少 ○, 一般 ◔, 人多 ◑, 很挤 ●). The figures are the server's
 * (`GET …/best-time`, `server/domain/best-time.ts`).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { quietestHour, type BestTimeDay, type BusyLevel } from '../../server/domain/best-time';
import { weekdayOf } from '../../server/domain/time';
import type { BestTime } from '../../server/protocol';
import { Api } from '../shared/api';
import { call } from '../shared/api-routes';
import { fill } from '../shared/words';
import { phoneStyles } from './phone-styles';
import { bestTimeStyles } from './qms-best-time-styles';

const MARKS: Record<BusyLevel, string> = { quiet: '○', fair: '◔', busy: '◑', very_busy: '●' };
const LEVELS: BusyLevel[] = ['quiet', 'fair', 'busy', 'very_busy'];

const hh = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

@customElement('qms-best-time')
export class QmsBestTime extends LitElement {
  static override styles = [phoneStyles, bestTimeStyles];

  @property() hallId = '';
  @property() areaId: string | null = null;
  @property() serviceId: string | null = null;
  @property() locale: Locale = 'zh-CN';

  @state() private _answer: BestTime | null = null;
  @state() private _failed = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('hallId') || changed.has('areaId') || changed.has('serviceId')) void this._load();
  }

  private async _load(): Promise<void> {
    if (!this.hallId || (!this.areaId && !this.serviceId)) return;
    this._answer = null;
    this._failed = false;
    try {
      const query = this.serviceId ? { serviceId: this.serviceId } : { areaId: this.areaId! };
      this._answer = await call(new Api({ locale: this.locale }), 'GET /halls/:hallId/best-time', { params: { hallId: this.hallId }, query });
    } catch {
      // A help in choosing: without it the booking goes on.
      this._failed = true;
    }
  }

  override render() {
    const w = messages(this.locale).calendar.bestTime;
    const a = this._answer;
    if (this._failed) return nothing;
    if (!a) return html`<section class="card best-time"><h2>${w.title}</h2><p class="muted">${w.loading}</p></section>`;
    const open = a.days.filter((d) => d.hours.length > 0);
    const hours = [...new Set(open.flatMap((d) => d.hours.map((h) => h.hour)))].sort((x, y) => x - y);
    return html`<section class="card best-time" aria-labelledby="best-time-title">
      <h2 id="best-time-title">${w.title}</h2>
      <p class="summary" data-summary>${this._summary(a)}</p>
      <p class="muted">${w.intro}</p>
      ${
        open.length === 0
          ? html`<p>${w.noData}</p>`
          : html`<table class="grid" style="--cols:${open.length}">
              <thead>
                <tr>
                  <th scope="col" class="hour">${w.hour}</th>
                  ${open.map(
                    (d) => html`<th scope="col" data-day=${d.day} class=${d.day === a.today ? 'today' : ''}>
                      <span class="wd">${messages(this.locale).weekdays[weekdayOf(d.day)]}</span><span class="md">${Number(d.day.slice(5, 7))}/${Number(d.day.slice(8, 10))}</span>
                    </th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${hours.map(
                  (hour) => html`<tr data-hour=${hour}>
                    <th scope="row" class="hour">${hh(hour)}</th>
                    ${open.map((d) => this._cell(d, hour))}
                  </tr>`,
                )}
              </tbody>
            </table>
            <ul class="legend">
              ${LEVELS.map((l) => html`<li><span class="swatch lvl-${l}" aria-hidden="true">${MARKS[l]}</span>${w.levels[l]}</li>`)}
            </ul>
            <p class="muted small">${w.closedDays} · ${w.minutes}</p>`
      }
    </section>`;
  }

  private _cell(d: BestTimeDay, hour: number) {
    const w = messages(this.locale).calendar.bestTime;
    const h = d.hours.find((x) => x.hour === hour);
    if (!h || h.waitMinutes === null || h.level === null) return html`<td class="none">—</td>`;
    const day = `${messages(this.locale).weekdays[weekdayOf(d.day)]}`;
    const label = fill(w.cell, { day, time: hh(hour), m: h.waitMinutes, level: w.levels[h.level] });
    return html`<td class="lvl-${h.level}" data-day=${d.day} data-hour=${hour} data-level=${h.level} data-wait=${h.waitMinutes} title=${label} aria-label=${label}>
      <span class="mark" aria-hidden="true">${MARKS[h.level]}</span><span class="m">${h.waitMinutes}</span>
    </td>`;
  }

  /** "现在约 25 分钟；14:00 约 8 分钟" — or, when the hall is not open now, the quietest coming hour. */
  private _summary(a: BestTime): string {
    const w = messages(this.locale).calendar.bestTime;
    const sep = this.locale === 'zh-CN' ? '；' : '; ';
    const today = a.days.find((d) => d.day === a.today);
    if (a.now) {
      const now = a.now.waitMinutes === null ? w.nowNone : fill(w.now, { m: a.now.waitMinutes });
      const later = quietestHour(today, a.now.hour);
      // A later hour is worth naming only when it is quicker than now.
      const quicker = later && (a.now.waitMinutes === null || later.waitMinutes! < a.now.waitMinutes);
      return quicker ? `${now}${sep}${fill(w.at, { time: hh(later.hour), m: later.waitMinutes! })}` : now;
    }
    for (const d of a.days) {
      const q = quietestHour(d);
      if (q) return fill(w.quietestOn, { day: messages(this.locale).weekdays[weekdayOf(d.day)]!, time: hh(q.hour), m: q.waitMinutes! });
    }
    return w.noData;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-best-time': QmsBestTime;
  }
}
