/**
 * The hall manager's page (`/manager?hall=yuxi`): the live board — a tile per area against its
 * thresholds, every window with its controls, alerts as they happen, the day in charts, notices and
 * 延时服务 — and the reports: statistics, 好差评 follow-up, a ticket's trail, the honour board.
 *
 * The live parts follow the hall over the shared connection (hall-connection.ts): every event
 * (a printer failure at once, others gathered for a moment) brings a fresh overview from the
 * server, and a slow beat keeps waits and idle times moving when nothing happens.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { HallAlert, HallOverview } from '../../server/domain/hall-overview';
import { messages } from '../../server/i18n';
import type { HallEvent } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { hallDateParts, offsetMinutesOf } from '../shared/hall-time';
import { baseStyles } from '../shared/page-styles';
import { SignedInGate } from '../shared/page-gate';
import { localSessionLabel } from '../shared/session-label';
import { Ticker } from '../shared/ticker';
import { fill, pageLocale, screenWords } from '../shared/words';
import './qms-alert-list';
import type { HelperChoice, SeenAlert } from './qms-alert-list';
import './qms-area-dialog';
import type { QmsAreaDialog } from './qms-area-dialog';
import './qms-area-tile';
import './qms-follow-up-list';
import './qms-hall-charts';
import './qms-hall-controls';
import './qms-honour-board';
import './qms-staffing-advice';
import './qms-what-if';
import './qms-stats-report';
import './qms-ticket-trail';
import './qms-window-grid';
import type { WindowActionDetail } from './qms-window-grid';
import { managerStyles } from './manager-styles';
import { duration, hallClock, managerWords } from './manager-words';
import { managerBoardStyles } from './qms-manager-board-styles';

type Tab = 'live' | 'stats' | 'followUp' | 'trail' | 'honour' | 'staffing';
const TABS: readonly Tab[] = ['live', 'stats', 'followUp', 'trail', 'honour', 'staffing'];

/** Events close together bring one overview, not one each. */
const REFRESH_DEBOUNCE_MS = 300;
/** Waits grow and windows idle without any event: look again this often. */
const REFRESH_EVERY_MS = 15_000;
/** A new alert stands out this long. */
const FRESH_ALERT_MS = 60_000;

interface Note {
  kind: 'ok' | 'error';
  text: string;
}

@customElement('qms-manager-board')
export class QmsManagerBoard extends LitElement {
  static override styles = [baseStyles, managerStyles, managerBoardStyles];

  private readonly locale = pageLocale();
  private readonly words = managerWords(this.locale);
  private readonly screens = screenWords(this.locale);
  private readonly gate = new SignedInGate(this, {
    page: 'manager',
    heading: this.words.login,
    allowed: { check: (s) => s.user.role === 'manager' || s.user.role === 'admin', notice: this.words.managersOnly },
    connection: { onEvent: (e) => this._onEvent(e), onSnapshot: () => this._refreshSoon(0) },
  });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;

  @state() private _tab: Tab = 'live';
  @state() private _overview: HallOverview | null = null;
  @state() private _note: Note | null = null;
  @state() private _busy = false;
  /** The hall's staff accounts (clerks and managers), for picking a helper; loaded once. */
  @state() private _staff: Array<{ id: string; name: string; staffNo: string | null }> | null = null;
  private _fetchedAt = 0;
  private _refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private _beat: ReturnType<typeof setInterval> | null = null;
  private _noteTimer: ReturnType<typeof setTimeout> | null = null;
  /** When each alert was first seen (hall clock `HH:MM`, and this browser's ms). */
  private readonly _seen = new Map<string, { since: string; at: number }>();

  @query('qms-area-dialog') private _areaDialog!: QmsAreaDialog;

  constructor() {
    super();
    new Ticker(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.title;
    this._beat = setInterval(() => this._refreshSoon(0), REFRESH_EVERY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._beat) clearInterval(this._beat);
    if (this._refreshTimer) clearTimeout(this._refreshTimer);
    this._beat = this._refreshTimer = null;
  }

  override render() {
    const o = this._overview;
    return this.gate.render(
      () => html`<div class="page">
          ${this._header(o)}
          <main>${o ? this._tabContent(o) : this.gate.loading()}</main>
        </div>
        <qms-area-dialog .areas=${o?.areas ?? []} .words=${this.words} @qms-areas-chosen=${this._onAreasChosen}></qms-area-dialog>
        ${this._note ? html`<div class="note ${this._note.kind}" role=${this._note.kind === 'error' ? 'alert' : 'status'}>${this._note.text}</div>` : ''}`,
    );
  }

  private _header(o: HallOverview | null): TemplateResult {
    const user = this.session.session!.user;
    const board = this.hall.board;
    const now = this.hall.now();
    const clock = o ? hallDateParts(now, offsetMinutesOf(o.now), this.locale).time : '';
    return html`<header>
      <h1 class="hall">${o?.hallName ?? ''} · ${this.words.title}</h1>
      ${o && board ? html`<span class="session">${localSessionLabel({ ...board.session, extended: o.extendedUntil !== null && board.session.end === o.extendedUntil }, board.day, this.locale)}</span>` : ''}
      <nav role="tablist">
        ${TABS.map((t) => html`<button role="tab" data-tab=${t} aria-selected=${this._tab === t ? 'true' : 'false'} @click=${() => (this._tab = t)}>${this.words.tabs[t]}</button>`)}
      </nav>
      <span class="spacer"></span>
      <span class="clock">${clock}</span>
      <span class="user">${user.name}<button @click=${() => this.session.logOut()}>${this.screens.common.signOut}</button></span>
    </header>`;
  }

  private _tabContent(o: HallOverview): TemplateResult {
    const areaNames = new Map(o.areas.map((a) => [a.id, a.name]));
    const api = this.session.api;
    switch (this._tab) {
      case 'live':
        return this._live(o, areaNames);
      case 'stats':
        return html`<qms-stats-report .api=${api} hallId=${this.hallId!} .words=${this.words} today=${o.day} .token=${this.session.token} locale=${this.locale}></qms-stats-report>`;
      case 'followUp':
        return html`<qms-follow-up-list .api=${api} hallId=${this.hallId!} .words=${this.words} .areaNames=${areaNames} locale=${this.locale}></qms-follow-up-list>`;
      case 'trail':
        return html`<qms-ticket-trail .api=${api} hallId=${this.hallId!} .words=${this.words} today=${o.day} locale=${this.locale} .areaNames=${areaNames}></qms-ticket-trail>`;
      case 'honour':
        return html`<qms-honour-board .api=${api} hallId=${this.hallId!} .words=${this.words} today=${o.day}></qms-honour-board>`;
      case 'staffing':
        return html`<qms-staffing-advice .api=${api} hallId=${this.hallId!} .words=${this.words} today=${o.day} .token=${this.session.token} locale=${this.locale}></qms-staffing-advice>`;
    }
  }

  private _live(o: HallOverview, areaNames: Map<string, string>): TemplateResult {
    const t = this.words.totals;
    const drift = Math.max(0, Math.floor((Date.now() - this._fetchedAt) / 1000));
    const idle = new Set(o.alerts.flatMap((a) => (a.kind === 'idle_window' ? [a.windowId] : [])));
    return html`<div class="live">
      <section class="panel totals" aria-label=${this.words.tabs.live}>
        <div><span class="muted">${t.issued}</span><b data-total="issued">${o.totals.issued}</b></div>
        <div><span class="muted">${t.served}</span><b data-total="served">${o.totals.served}</b></div>
        <div><span class="muted">${t.noShow}</span><b data-total="no-show">${o.totals.noShow}</b></div>
        <div><span class="muted">${t.waiting}</span><b data-total="waiting">${o.totals.waiting}</b></div>
        <div><span class="muted">${t.avgWait}</span><b data-total="avg-wait">${duration(o.totals.avgWaitSeconds, this.words)}</b></div>
      </section>
      <section class="tiles">${o.areas.map((a) => html`<qms-area-tile .area=${a} .words=${this.words} drift=${drift}></qms-area-tile>`)}</section>
      <section class="windows">
        <qms-window-grid
          .windows=${o.windows}
          .areaNames=${areaNames}
          .words=${this.words}
          .idle=${idle}
          drift=${drift}
          ?busy=${this._busy}
          @qms-window-action=${this._onWindowAction}
        ></qms-window-grid>
      </section>
      <qms-hall-controls
        .notices=${o.notices}
        .extendedUntil=${o.extendedUntil}
        .words=${this.words}
        ?busy=${this._busy}
        @qms-post-notice=${this._onPostNotice}
        @qms-remove-notice=${this._onRemoveNotice}
        @qms-extend-hours=${this._onExtend}
      ></qms-hall-controls>
      <div class="side">
        <section class="panel alerts">
          <h2>${this.words.alerts.title}</h2>
          <qms-alert-list .alerts=${this._seenAlerts(o.alerts)} .areaNames=${areaNames} .words=${this.words} .printErrors=${messages(this.locale).kiosk.printErrors} .helpers=${this._helpers(o)} @qms-assign-helper=${this._onAssignHelper}></qms-alert-list>
        </section>
        <qms-hall-charts .charts=${o.charts} .words=${this.words}></qms-hall-charts>
        <qms-what-if .api=${this.session.api} hallId=${this.hallId!} .words=${this.words} .windows=${o.windows} .areaNames=${areaNames}></qms-what-if>
      </div>
    </div>`;
  }

  /** The staff to pick a helper from: those at an idle window first, then those not at a window, then the busy ones. */
  private _helpers(o: HallOverview): HelperChoice[] {
    if (o.alerts.some((a) => a.kind === 'assistance') && this._staff === null) void this._loadStaff();
    const at = new Map(o.windows.filter((w) => w.clerk).map((w) => [w.clerk!.id, w]));
    const rank = (h: HelperChoice) => (h.activity === null ? 1 : at.get(h.id)?.activity === 'idle' ? 0 : 2);
    return (this._staff ?? [])
      .map((s): HelperChoice => {
        const w = at.get(s.id);
        return { ...s, windowNumber: w?.number ?? null, activity: w ? this.words.windows.activity[w.activity] : null };
      })
      .sort((a, b) => rank(a) - rank(b) || (a.staffNo ?? a.id).localeCompare(b.staffNo ?? b.id));
  }

  private _staffLoading = false;
  private async _loadStaff(): Promise<void> {
    if (this._staffLoading || !this.hallId) return;
    this._staffLoading = true;
    try {
      const { accounts } = await this.session.api.get<{
        accounts: Array<{ id: string; name: string; staffNo: string | null; role: string; hallId: string | null; disabled: boolean }>;
      }>(`/api/v1/admin/accounts?hallId=${encodeURIComponent(this.hallId)}`);
      this._staff = accounts
        .filter((a) => (a.role === 'clerk' || a.role === 'manager') && !a.disabled && a.hallId === this.hallId)
        .map(({ id, name, staffNo }) => ({ id, name, staffNo }));
    } catch (err) {
      if (err instanceof ApiFailure && err.status !== 0 && err.status !== 503) this._show({ kind: 'error', text: err.display });
    } finally {
      this._staffLoading = false;
    }
  }

  private _seenAlerts(alerts: HallAlert[]): SeenAlert[] {
    const now = Date.now();
    return alerts.map((alert) => {
      const seen = this._seen.get(alert.id)!;
      return { alert, since: seen.since, fresh: now - seen.at < FRESH_ALERT_MS };
    });
  }

  private _onEvent(e: HallEvent): void {
    // A failing printer strands citizens without paper: show it at once.
    this._refreshSoon(e.type === 'printer.failed' ? 0 : REFRESH_DEBOUNCE_MS);
  }

  private _refreshSoon(delayMs: number): void {
    if (this._refreshTimer && delayMs > 0) return;
    if (this._refreshTimer) clearTimeout(this._refreshTimer);
    this._refreshTimer = setTimeout(() => {
      this._refreshTimer = null;
      void this._refresh();
    }, delayMs);
  }

  private async _refresh(): Promise<void> {
    if (!this.hallId || !this.gate.allowed) return;
    try {
      const o = await this.session.api.get<HallOverview>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/overview`);
      const now = Date.now();
      const live = new Set(o.alerts.map((a) => a.id));
      for (const id of [...this._seen.keys()]) if (!live.has(id)) this._seen.delete(id);
      for (const a of o.alerts)
        if (!this._seen.has(a.id))
          this._seen.set(a.id, {
            since: a.kind === 'printer_failed' || a.kind === 'assistance' || a.kind === 'complaint' ? hallClock(a.at) : hallClock(o.now),
            at: now,
          });
      this._overview = o;
      this._fetchedAt = now;
    } catch (err) {
      // Offline or the store is down: the banner says so and the last overview stays on screen.
      if (err instanceof ApiFailure && err.status !== 0 && err.status !== 503) this._show({ kind: 'error', text: err.display });
    }
  }

  private _show(note: Note): void {
    this._note = note;
    if (this._noteTimer) clearTimeout(this._noteTimer);
    this._noteTimer = setTimeout(() => (this._note = null), 5000);
  }

  /** Runs one control against the API, then shows what happened and looks at the hall again. */
  private async _act(what: string, run: () => Promise<unknown>): Promise<void> {
    this._busy = true;
    try {
      await run();
      this._show({ kind: 'ok', text: fill(this.words.windows.done, { what }) });
    } catch (err) {
      this._show({ kind: 'error', text: err instanceof ApiFailure ? err.display : String(err) });
    } finally {
      this._busy = false;
      await this._refresh();
    }
  }

  private readonly _onWindowAction = (e: CustomEvent<WindowActionDetail>): void => {
    const { windowId, action } = e.detail;
    const row = this._overview?.windows.find((w) => w.id === windowId);
    if (!row || !this.hallId) return;
    const w = this.words.windows;
    const base = `/api/v1/halls/${encodeURIComponent(this.hallId)}/windows/${encodeURIComponent(windowId)}`;
    const label = fill(this.screens.common.windowNumber, { n: row.number });
    const api = this.session.api;
    switch (action) {
      case 'areas':
        this._areaDialog.open(windowId, row.number, row.areaIds);
        return;
      case 'pause':
        void this._act(`${label} ${w.pause}`, () => api.post(`${base}/pause`, { reason: w.pauseReason }));
        return;
      case 'resume':
        void this._act(`${label} ${w.resume}`, () => api.post(`${base}/resume`));
        return;
      case 'sign-out':
        void this._act(`${label} ${w.close}`, () => api.post(`${base}/sign-out`));
        return;
      case 'sign-in':
        void this._act(`${label} ${w.open}`, () => api.post(`${base}/sign-in`));
        return;
    }
  };

  private readonly _onAreasChosen = (e: CustomEvent<{ windowId: string; areaIds: string[] }>): void => {
    const row = this._overview?.windows.find((w) => w.id === e.detail.windowId);
    if (!row || !this.hallId) return;
    const label = fill(this.screens.common.windowNumber, { n: row.number });
    void this._act(`${label} ${this.words.windows.changeAreas}`, () =>
      this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/windows/${encodeURIComponent(e.detail.windowId)}/areas`, {
        areaIds: e.detail.areaIds,
      }),
    );
  };

  private readonly _onPostNotice = (e: CustomEvent<{ text: string }>): void => {
    void this._act(this.words.notices.post, () => this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/notices`, { text: e.detail.text }));
  };

  private readonly _onRemoveNotice = (e: CustomEvent<{ id: string }>): void => {
    void this._act(this.words.notices.remove, () =>
      this.session.api.delete(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/notices/${encodeURIComponent(e.detail.id)}`),
    );
  };

  private readonly _onAssignHelper = (e: CustomEvent<{ ticketId: string; number: string; staffId: string; label: string }>): void => {
    void this._act(fill(this.words.alerts.assigned, { number: e.detail.number, staff: e.detail.label }), () =>
      this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/tickets/${encodeURIComponent(e.detail.ticketId)}/assistance/assign`, {
        staffId: e.detail.staffId,
      }),
    );
  };

  private readonly _onExtend = (e: CustomEvent<{ until: string }>): void => {
    void this._act(fill(this.words.hours.extendedUntil, { until: e.detail.until }), () =>
      this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/hours/extend`, { until: e.detail.until }),
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-manager-board': QmsManagerBoard;
  }
}
