/**
 * The console's calendar section: the hall's workday sessions, weekly special sessions (周三夜市,
 * 周六早市), how far ahead citizens may book, whether China's public holidays apply, and the
 * hall's own holidays and 调休 make-up workdays per year beside the official ones — with the next
 * 14 days worked out by the hall's own rules as the form is edited. Checked as the server checks
 * (`calendarProblems`) before saving; saved into the hall's document (If-Match), from now on.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages } from '../../server/i18n';
import { calendarProblems } from '../../server/domain/calendar-rules';
import { calendarHallProblem } from '../../server/domain/hall-rules';
import { hallProblemText } from '../../server/i18n';
import type { OfficialYear } from '../../server/domain/official-days';
import type { CalendarConfig, SessionKind, SessionSpec } from '../../server/domain/types';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { HallConfigController } from './hall-config-controller';
import './qms-admin-calendar-days';
import type { OwnDays } from './qms-admin-calendar-days';
import './qms-admin-calendar-preview';
import { previewYears } from './qms-admin-calendar-preview';
import { calendarStyles } from './qms-admin-calendar-styles';

const KINDS: SessionKind[] = ['regular', 'night', 'morning'];
/** Monday first, as a Chinese week reads. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const TIME = /^([01]\d|2[0-4]):[0-5]\d$/;
/** Years the server knows official days for (its query's range). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

type Outcome = { kind: 'saved' } | { kind: 'stale' } | { kind: 'refused'; reason: string; problems: string[] } | null;

@customElement('qms-admin-calendar')
export class QmsAdminCalendar extends LitElement {
  static override styles = [baseStyles, adminStyles, calendarStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  private readonly config = new HallConfigController(this, () => this.ctx);

  @state() private _draft: CalendarConfig | null = null;
  @state() private _official = new Map<number, OfficialYear>();
  @state() private _today = '';
  @state() private _saving = false;
  @state() private _outcome: Outcome = null;
  @state() private _loadFailure: string | null = null;

  /** The document version the draft was taken from: a newer one (saved, or someone else's) replaces it. */
  private _draftVersion = 0;
  private readonly _asked = new Set<number>();

  private get t() {
    return messages(this.ctx?.locale ?? 'zh-CN');
  }

  private get w() {
    return this.t.adminCalendar.calendar;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadToday();
  }

  protected override willUpdate(): void {
    const loaded = this.config.config;
    if (loaded && loaded.version !== this._draftVersion) {
      this._draftVersion = loaded.version;
      this._draft = structuredClone(loaded.hall.calendar);
    }
    for (const y of this._years()) this._loadOfficial(y);
  }

  override render(): TemplateResult {
    const w = this.w;
    const failure = this.config.loadError?.display ?? this._loadFailure;
    if (failure) return html`<p class="refusal" role="alert">${failure}</p>`;
    const draft = this._draft;
    if (!draft) return html`<p class="muted">${w.loading}</p>`;
    return html`<section>
      <div class="head">
        <h2>${w.title}</h2>
        <span class="scope">${w.scopeFromNowOn}</span>
      </div>
      <div class="notes">
        <p>${w.fromNowOn}</p>
        <p class="muted"><span class="scope today">${w.scopeToday}</span> ${w.todayHours}</p>
      </div>
      <div class="columns">
        <div>
          <div class="panel" id="workday">
            <h3>${w.workdayTitle}</h3>
            <p class="hint muted">${w.workdayHint}</p>
            ${this._workdayTable(draft)}
            <div class="row-actions"><button type="button" @click=${this._addWorkday}>${w.addSession}</button></div>
          </div>
          <div class="panel" id="weekly">
            <h3>${w.weeklyTitle}</h3>
            <p class="hint muted">${w.weeklyHint}</p>
            ${this._weeklyTable(draft)}
            <div class="row-actions"><button type="button" @click=${this._addWeekly}>${w.addWeekly}</button></div>
          </div>
          <div class="panel" id="settings">
            <h3>${w.settingsTitle}</h3>
            <div class="settings">
              <label
                >${w.bookingDaysAhead}<input
                  type="number"
                  name="booking-days"
                  min="0"
                  max="27"
                  step="1"
                  placeholder="14"
                  aria-invalid=${!this._bookingDaysOk(draft)}
                  .value=${draft.bookingDaysAhead === undefined ? '' : String(draft.bookingDaysAhead)}
                  @input=${this._setBookingDays}
              /></label>
              <label class="check"
                ><input type="checkbox" name="official-holidays" .checked=${draft.officialHolidays !== false} @change=${this._setOfficial} />${w.officialHolidays}</label
              >
            </div>
          </div>
        </div>
        <div class="panel" id="preview">
          <h3>${w.previewTitle}</h3>
          <qms-admin-calendar-preview
            .calendar=${draft}
            .official=${this._official}
            .today=${this._today}
            .locale=${this.ctx!.locale}
            ?unsaved=${this._dirty}
            ?invalid=${this._problems(draft).length > 0}
          ></qms-admin-calendar-preview>
        </div>
      </div>
      <div class="panel" id="days">
        <h3>${w.daysTitle}</h3>
        <qms-admin-calendar-days
          .calendar=${draft}
          .official=${this._official}
          .years=${this._years()}
          .locale=${this.ctx!.locale}
          @qms-days-change=${this._setDays}
        ></qms-admin-calendar-days>
      </div>
      ${this._saveBar(draft)}
    </section>`;
  }

  private _workdayTable(draft: CalendarConfig): TemplateResult {
    const w = this.w;
    if (draft.workday.length === 0) return html`<p class="muted">${w.noSessions}</p>`;
    return html`<table>
      <thead>
        <tr><th>${w.kind}</th><th>${w.start}</th><th>${w.end}</th><th></th></tr>
      </thead>
      <tbody>
        ${draft.workday.map(
          (s, i) => html`<tr data-row=${i}>
            <td>${this._kindSelect(s, (kind) => this._editWorkday(i, { kind }))}</td>
            ${this._timeCells(s, (change) => this._editWorkday(i, change))}
            <td><button type="button" class="danger" @click=${() => this._edit((c) => c.workday.splice(i, 1))}>${w.remove}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _weeklyTable(draft: CalendarConfig): TemplateResult {
    const w = this.w;
    if (draft.weekly.length === 0) return html`<p class="muted">${w.noWeekly}</p>`;
    return html`<table>
      <thead>
        <tr><th>${w.weekday}</th><th>${w.kind}</th><th>${w.start}</th><th>${w.end}</th><th></th></tr>
      </thead>
      <tbody>
        ${draft.weekly.map(
          (row, i) => html`<tr data-row=${i}>
            <td>
              <select
                name="weekday"
                aria-label=${w.weekday}
                @change=${(e: Event) => this._edit((c) => (c.weekly[i]!.weekday = Number((e.target as HTMLSelectElement).value)))}
              >
                ${WEEK.map((d) => html`<option value=${d} ?selected=${d === row.weekday}>${this.t.weekdays[d]}</option>`)}
              </select>
            </td>
            <td>${this._kindSelect(row.session, (kind) => this._editWeekly(i, { kind }))}</td>
            ${this._timeCells(row.session, (change) => this._editWeekly(i, change))}
            <td><button type="button" class="danger" @click=${() => this._edit((c) => c.weekly.splice(i, 1))}>${w.remove}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _kindSelect(s: SessionSpec, set: (kind: SessionKind) => void): TemplateResult {
    return html`<select name="kind" aria-label=${this.w.kind} @change=${(e: Event) => set((e.target as HTMLSelectElement).value as SessionKind)}>
      ${KINDS.map((k) => html`<option value=${k} ?selected=${k === s.kind}>${this.t.calendar.sessions[k]}</option>`)}
    </select>`;
  }

  private _timeCells(s: SessionSpec, set: (change: Partial<SessionSpec>) => void): TemplateResult {
    const w = this.w;
    const bad = TIME.test(s.start) && TIME.test(s.end) && s.start >= s.end;
    const input = (field: 'start' | 'end') =>
      html`<input
        type="text"
        class="time"
        inputmode="numeric"
        maxlength="5"
        placeholder=${w.timePlaceholder}
        name=${field}
        aria-label=${w[field]}
        aria-invalid=${bad || !TIME.test(s[field])}
        .value=${s[field]}
        @input=${(e: Event) => set({ [field]: (e.target as HTMLInputElement).value })}
      />`;
    return html`<td>${input('start')}</td>
      <td>${input('end')}</td>`;
  }

  private _saveBar(draft: CalendarConfig): TemplateResult {
    const w = this.w;
    const problems = this._problems(draft);
    const outcome = this._outcome;
    return html`<div class="savebar">
      <button type="button" class="primary" ?disabled=${this._saving} @click=${this._save}>${this._saving ? this.t.adminConsole.saving : w.save}</button>
      <button type="button" ?disabled=${!this._dirty || this._saving} @click=${this._reset}>${w.reset}</button>
      ${
        problems.length > 0
          ? html`<div class="refusal" role="alert">
            ${w.problemsTitle}
            <ul>
              ${problems.map((p) => html`<li>${p}</li>`)}
            </ul>
          </div>`
          : outcome?.kind === 'refused'
            ? html`<div class="refusal" role="alert">
              ${fill(w.refusedTitle, { reason: outcome.reason })}
              <ul>
                ${outcome.problems.map((p) => html`<li>${p}</li>`)}
              </ul>
            </div>`
            : outcome?.kind === 'stale'
              ? html`<p class="refusal" role="alert">${this.t.adminConsole.staleVersion}</p>`
              : this._dirty
                ? html`<span class="unsaved">${w.unsaved}</span>`
                : outcome?.kind === 'saved'
                  ? html`<span class="ok" role="status">${this.t.adminConsole.saved}</span>`
                  : nothing
      }
    </div>`;
  }

  /** Everything wrong with the draft, in the page's words: what the server would refuse. */
  private _problems(draft: CalendarConfig): string[] {
    const p = this.w.problems;
    const out: string[] = [];
    const sessions = [...draft.workday, ...draft.weekly.map((r) => r.session)];
    if (sessions.some((s) => !TIME.test(s.start) || !TIME.test(s.end))) out.push(p.timeMissing);
    if (!this._bookingDaysOk(draft)) out.push(p.bookingDays);
    const timed = { ...draft, workday: draft.workday.filter(hasTimes), weekly: draft.weekly.filter((r) => hasTimes(r.session)) };
    for (const problem of calendarProblems(timed)) out.push(hallProblemText(calendarHallProblem(problem), this.ctx!.locale));
    return [...new Set(out)];
  }

  private _bookingDaysOk(draft: CalendarConfig): boolean {
    const n = draft.bookingDaysAhead;
    return n === undefined || (Number.isInteger(n) && n >= 0 && n <= 27);
  }

  private get _dirty(): boolean {
    const saved = this.config.config?.hall.calendar;
    return saved !== undefined && this._draft !== null && JSON.stringify(saved) !== JSON.stringify(this._draft);
  }

  /** The years shown: this year and the next two, and any year the hall has days of its own in. */
  private _years(): number[] {
    if (!this._today) return [];
    const first = Number(this._today.slice(0, 4));
    const own = [...(this._draft?.holidays ?? []), ...(this._draft?.makeupWorkdays ?? [])].map((d) => Number(d.slice(0, 4)));
    const years = new Set([first, first + 1, first + 2, ...previewYears(this._today), ...own]);
    return [...years].filter((y) => y >= FIRST_YEAR && y <= LAST_YEAR).sort((a, b) => a - b);
  }

  private async _loadToday(): Promise<void> {
    if (!this.ctx) return;
    try {
      const hall = await call(this.ctx.api, 'GET /halls/:hallId', { params: { hallId: this.ctx.hallId } });
      this._today = hall.today;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._loadFailure = err.display;
    }
  }

  private _loadOfficial(year: number): void {
    if (this._asked.has(year) || !this.ctx) return;
    this._asked.add(year);
    void this.ctx.api
      .get<OfficialYear>(`/api/v1/admin/official-calendar?year=${year}`)
      .then((y) => {
        this._official = new Map(this._official).set(year, y);
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiFailure)) throw err;
        this._asked.delete(year);
        this._loadFailure = err.display;
      });
  }

  /** Changes a copy of the draft (Lit sees a new object). */
  private _edit(change: (c: CalendarConfig) => void): void {
    const next = structuredClone(this._draft!);
    change(next);
    this._draft = next;
    this._outcome = null;
  }

  private _editWorkday(i: number, change: Partial<SessionSpec>): void {
    this._edit((c) => Object.assign(c.workday[i]!, change));
  }

  private _editWeekly(i: number, change: Partial<SessionSpec>): void {
    this._edit((c) => Object.assign(c.weekly[i]!.session, change));
  }

  private _addWorkday = (): void => {
    this._edit((c) => c.workday.push({ kind: 'regular', start: '', end: '' }));
  };

  private _addWeekly = (): void => {
    this._edit((c) => c.weekly.push({ weekday: 1, session: { kind: 'night', start: '', end: '' } }));
  };

  private _setBookingDays = (e: Event): void => {
    const raw = (e.target as HTMLInputElement).value.trim();
    this._edit((c) => {
      if (raw === '') delete c.bookingDaysAhead;
      else c.bookingDaysAhead = Number(raw);
    });
  };

  private _setOfficial = (e: Event): void => {
    const on = (e.target as HTMLInputElement).checked;
    this._edit((c) => (c.officialHolidays = on));
  };

  private _setDays = (e: CustomEvent<OwnDays>): void => {
    this._edit((c) => {
      c.holidays = e.detail.holidays;
      c.makeupWorkdays = e.detail.makeupWorkdays;
    });
  };

  private _reset = (): void => {
    this._draft = structuredClone(this.config.config!.hall.calendar);
    this._outcome = null;
  };

  private _save = async (): Promise<void> => {
    const draft = this._draft!;
    if (this._problems(draft).length > 0) return;
    this._saving = true;
    try {
      const outcome = await this.config.save((hall) => {
        hall.calendar = draft;
      });
      if (outcome.ok) this._outcome = { kind: 'saved' };
      else if (outcome.stale) this._outcome = { kind: 'stale' };
      else this._outcome = { kind: 'refused', reason: outcome.failure.display, problems: outcome.problems };
    } finally {
      this._saving = false;
    }
  };
}

function hasTimes(s: SessionSpec): boolean {
  return TIME.test(s.start) && TIME.test(s.end);
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-calendar': QmsAdminCalendar;
  }
}
