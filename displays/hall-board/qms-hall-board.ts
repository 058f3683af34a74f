/**
 * The hall wall board (大厅综合屏, `/display/hall?hall=yuxi`): the latest call as the largest thing
 * on the wall; every open window with the number it called last (票号 → 窗口), the newest
 * highlighted, so at peak no citizen called is missing from the wall while the voice catches up;
 * 请准备, the next numbers to be called; waiting per area; the session (or, closed, when the hall
 * opens) and the hall clock; notices in a slow marquee; and the calls spoken. A browser set up for
 * the wall (deploy/README.md) plays sound from the start; any other says on screen that it is
 * silent until tapped. Laid out for 1920×1080 and 3840×2160 landscape and 1080×1920 portrait
 * (sizes in vmin, so 4K is the same picture, sharper).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Board, HallDetail, HallEvent } from '../../server/protocol';
import { messages } from '../../server/i18n';
import { nextOpening } from '../../server/domain/schedule';
import { hallDateParts, offsetMinutesOf } from '../shared/hall-time';
import { baseStyles, fullScreenStyles } from '../shared/page-styles';
import { SignedInGate } from '../shared/page-gate';
import { localSessionLabel } from '../shared/session-label';
import { Ticker } from '../shared/ticker';
import { fill, fillParts, pageLocale, screenWords } from '../shared/words';
import { journeyNextText, journeyStepText } from '../shared/journey-words';
import { CallAnnouncer, type PlayedCall } from './call-announcer';
import './qms-notice-marquee';
import { hallBoardStyles } from './qms-hall-board-styles';

/** How long a new call stays highlighted. */
const FRESH_MS = 10_000;
/** A call replayed after a gap is still spoken if it is this recent; older ones are only shown. */
const SPEAK_REPLAYED_WITHIN_MS = 60_000;
/** 请准备: at most this many numbers, taken in turn from each area with a window open. */
const NEXT_UP_MAX = 12;

interface LatestCall {
  ticketId: string;
  number: string;
  windowNumber: number;
  recall: boolean;
  at: string;
}

/** A call seen as an event before the snapshot shows it (the snapshot follows shortly). */
interface PendingCall {
  ticketId: string;
  number: string;
  version: number;
}

/** One tile of the window grid. */
interface Tile {
  windowId: string;
  windowNumber: number;
  state: 'called' | 'idle' | 'paused';
  ticketId: string | null;
  number: string | null;
}

/** How the grid is cut: columns, and the tile text size in px that fits the space it has. */
interface GridFit {
  cols: number;
  font: number;
}

@customElement('qms-hall-board')
export class QmsHallBoard extends LitElement {
  static override styles = [baseStyles, fullScreenStyles, hallBoardStyles];

  private readonly words = screenWords();
  private readonly locale = pageLocale();
  private readonly gate = new SignedInGate(this, {
    page: 'hall-board',
    heading: this.words.login.board,
    bannerPlacement: 'bottom',
    connection: { onEvent: (e, replayed) => this._onEvent(e, replayed), onSnapshot: (b, reset) => this._onSnapshot(b, reset) },
  });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;
  private readonly announcer = new CallAnnouncer({
    wavUrl: (ticketId) => `/api/v1/halls/${encodeURIComponent(this.hallId ?? '')}/tickets/${encodeURIComponent(ticketId)}/announcement.wav`,
    token: () => this.session.token,
    onPlayed: (p) => this._onPlayed(p),
    onStateChange: (running) => {
      this._soundOn = running;
    },
  });

  @state() private _latest: LatestCall | null = null;
  @state() private _freshUntil = 0;
  @state() private _soundOn = false;
  @state() private _fit: GridFit = { cols: 3, font: 0 };
  /** The hall's calendar, for when a closed hall opens (fetched once per sign-in and day). */
  @state() private _detail: HallDetail | null = null;
  private _detailFor = '';
  /** Calls by window id, from events newer than the snapshot. */
  private readonly _pending = new Map<string, PendingCall>();
  private _freshTimer: ReturnType<typeof setTimeout> | null = null;
  private _gridObserver: ResizeObserver | null = null;
  @query('.windows') private _gridEl!: HTMLElement | null;

  /** Every call the board has played, in order: what a test (or a technician) checks. */
  readonly played: PlayedCall[] = [];

  constructor() {
    super();
    new Ticker(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.board.title;
    // A wall browser started as deploy/README.md says plays at once; any other waits for a tap anywhere.
    this._soundOn = this.announcer.start();
    window.addEventListener('pointerdown', this._onGesture, true);
    window.addEventListener('keydown', this._onGesture, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.announcer.close();
    window.removeEventListener('pointerdown', this._onGesture, true);
    window.removeEventListener('keydown', this._onGesture, true);
    this._gridObserver?.disconnect();
    this._gridObserver = null;
    if (this._freshTimer) clearTimeout(this._freshTimer);
  }

  private readonly _onGesture = (): void => {
    if (!this._soundOn) void this._enableSound();
  };

  override willUpdate(): void {
    // The calendar, once per signed-in session and day: what a closed board says about opening.
    const token = this.session.token;
    const key = token && this.hallId ? `${token}\u0000${this.hall.board?.day ?? ''}` : '';
    if (key && this._detailFor !== key) {
      this._detailFor = key;
      void this._loadDetail(key);
    }
  }

  private async _loadDetail(key: string): Promise<void> {
    try {
      this._detail = await this.session.api.get<HallDetail>(`/api/v1/halls/${encodeURIComponent(this.hallId!)}`);
    } catch {
      // Tried again on the next render after a pause; the board shows the session word meanwhile.
      setTimeout(() => {
        if (this._detailFor === key) this._detailFor = '';
      }, 5000);
    }
  }

  protected override updated(_changed: PropertyValues<this>): void {
    // The grid is cut to the space it has (resolution, orientation, how many windows are open).
    const grid = this._gridEl;
    if (grid && !this._gridObserver) {
      this._gridObserver = new ResizeObserver(() => this._fitGrid());
      this._gridObserver.observe(grid);
    } else if (!grid && this._gridObserver) {
      this._gridObserver.disconnect();
      this._gridObserver = null;
    }
    if (grid) this._fitGrid();
  }

  override render() {
    return this.gate.render(() => (this.hall.board ? this._renderBoard(this.hall.board) : null));
  }

  private _renderBoard(board: Board) {
    const w = this.words.board;
    const now = this.hall.now();
    const clock = hallDateParts(now, offsetMinutesOf(board.now), this.locale);
    const notices = board.notices.length > 0 ? board.notices.map((n) => n.text) : [w.defaultNotice];
    const closed = board.session.kind === 'closed';
    return html`
      <div class="board" data-sound=${this._soundOn ? 'on' : 'off'}>
        <header>
          <div class="title">
            <h1 class="hall-name">${board.hallName}</h1>
            <div class="session ${closed ? 'closed' : ''}">
              ${localSessionLabel(board.session, board.day, this.locale)}${
                this._soundOn ? html`<span class="sound-on" role="img" aria-label=${w.soundOn} title=${w.soundOn}>${speakerIcon}</span>` : nothing
              }
            </div>
          </div>
          <div class="clock">
            <div class="time">${clock.time}</div>
            <div class="date">${clock.date}<br />${clock.weekday}</div>
          </div>
        </header>
        <main>
          ${this._renderLatest(now, closed)} ${this._renderWindows(board, now)} ${this._renderNextUp(board)} ${this._renderAreas(board)}
        </main>
        ${
          this._soundOn
            ? html`<qms-notice-marquee .label=${w.notices} .items=${notices}></qms-notice-marquee>`
            : html`<div class="sound-blocked" role="alert">
              <button class="sound" @click=${this._enableSound}>${w.enableSound}</button>
              <span class="why">${w.soundBlocked}</span>
            </div>`
        }
      </div>
    `;
  }

  private _renderLatest(now: number, closed: boolean) {
    const w = this.words.board;
    const fresh = now < this._freshUntil;
    // Closed: when the hall opens matters more than the last call of the day (a call made now still shows).
    const latest = closed && !fresh ? null : this._latest;
    if (!latest) {
      return html`<section class="call latest-call" aria-label=${w.latestCall}>
        ${
          closed
            ? html`<div class="no-call opens"><span class="closed-word">${w.closedNow}</span><span class="opens-at">${this._opensText(now)}</span></div>`
            : html`<div class="no-call">${w.noCall}</div>`
        }
      </section>`;
    }
    const badge = fresh ? (latest.recall ? w.recalling : w.nowCalling) : w.latestCall;
    const line = (template: string, vars: Record<string, string | number>, cls: string) =>
      html`<span class="call-line ${cls}">${fillParts(template, vars).map((p) => (p.name ? html`<span class="value">${p.text}</span>` : p.text))}</span>`;
    return html`
      <section
        class="call latest-call ${fresh ? 'fresh' : ''} ${this._journeyOf(latest) ? 'with-journey' : ''}"
        aria-label=${w.latestCall}
        aria-live="assertive"
        data-number=${latest.number}
        data-window=${latest.windowNumber}
      >
        <span class="badge">${badge}</span>
        <div class="lines">
          <p class="call-text">${line(w.callTicket, { number: latest.number }, 'ticket')} ${line(w.callWindow, { window: latest.windowNumber }, 'window')}</p>
          ${this._renderJourney(latest)}
        </div>
      </section>
    `;
  }

  /** When the closed hall opens next, in words: 今日 19:00 夜市开始办理 / 明天 09:00 开始办理. */
  private _opensText(now: number): string {
    const w = this.words.board;
    const detail = this._detail;
    if (!detail) return '';
    const next = nextOpening(detail.schedule, now, detail.timezone);
    if (!next) return w.opensUnknown;
    const t = messages(this.locale);
    const time = next.session.start;
    if (next.daysAhead === 0)
      return next.session.kind === 'regular' ? fill(w.opensToday, { time }) : fill(w.opensTodaySession, { time, session: t.sessions[next.session.kind] });
    if (next.daysAhead === 1) return fill(w.opensTomorrow, { time });
    const [, month, day] = next.date.split('-').map(Number);
    const weekday = t.weekdays[new Date(`${next.date}T12:00:00Z`).getUTCDay()]!;
    return fill(w.opensOn, { month: month!, day: day!, weekday, time });
  }

  /**
   * Every window that is signed in, with the number it called last: from the snapshot, or from a
   * call event the snapshot has not caught up with yet.
   */
  private _tiles(board: Board): Tile[] {
    const tiles: Tile[] = [];
    for (const win of [...board.windows].sort((a, b) => a.number - b.number)) {
      const pending = this._pending.get(win.id);
      if (pending) {
        tiles.push({ windowId: win.id, windowNumber: win.number, state: 'called', ticketId: pending.ticketId, number: pending.number });
        continue;
      }
      if (win.status === 'closed') continue;
      const t = win.ticket;
      if (t) tiles.push({ windowId: win.id, windowNumber: win.number, state: 'called', ticketId: t.id, number: t.number });
      else tiles.push({ windowId: win.id, windowNumber: win.number, state: win.status === 'paused' ? 'paused' : 'idle', ticketId: null, number: null });
    }
    return tiles;
  }

  private _renderWindows(board: Board, now: number) {
    const w = this.words.board;
    const tiles = this._tiles(board);
    const latest = this._latest;
    const fresh = now < this._freshUntil;
    const style = this._fit.font > 0 ? `--cols:${this._fit.cols};--tile-font:${this._fit.font.toFixed(1)}px` : `--cols:${this._fit.cols}`;
    return html`
      <section class="window-grid" aria-label=${w.windowsHeading}>
        ${
          tiles.length === 0
            ? html`<div class="empty">${w.noOpenWindows}</div>`
            : html`<ol class="windows" style=${style} data-count=${tiles.length}>
              ${tiles.map((t) => {
                const newest = t.state === 'called' && latest !== null && latest.ticketId === t.ticketId && latest.windowNumber === t.windowNumber;
                const label = t.number
                  ? fill(w.tileCall, { number: t.number, window: t.windowNumber })
                  : `${fill(w.tileWindow, { window: t.windowNumber })} ${t.state === 'paused' ? w.windowPaused : w.windowIdle}`;
                return html`<li
                  class="tile ${t.state} ${newest ? 'newest' : ''} ${newest && fresh ? 'fresh' : ''}"
                  data-window=${t.windowNumber}
                  data-number=${t.number ?? nothing}
                  aria-label=${label}
                >
                  ${
                    t.number
                      ? html`<span class="ticket">${t.number}</span>`
                      : html`<span class="state-word">${t.state === 'paused' ? w.windowPaused : w.windowIdle}</span>`
                  }
                  <span class="arrow" aria-hidden="true">→</span>
                  <span class="win">${t.windowNumber}</span>
                </li>`;
              })}
            </ol>`
        }
      </section>
    `;
  }

  /** Columns and tile text size so that every tile fits whole: the largest text that does. */
  private _fitGrid(): void {
    const grid = this._gridEl;
    if (!grid) return;
    const count = Number(grid.dataset.count ?? 0);
    const { width, height } = grid.getBoundingClientRect();
    if (count === 0 || width === 0 || height === 0) return;
    const vmin = Math.min(window.innerWidth, window.innerHeight) / 100;
    const gap = 0.9 * vmin;
    // The widest tile in em: the number (0.64em a character at most) or the idle word (0.95em, a CJK
    // character 1em, a Latin one 0.6em), then the arrow and the window's box (4.1em with the paddings).
    const words = this.words.board;
    const charEm = this.locale === 'en' ? 0.6 : 1;
    const widths = this._tiles(this.hall.board!).map((t) =>
      t.number ? 0.64 * Math.max(4, t.number.length) : 0.95 * charEm * (t.state === 'paused' ? words.windowPaused : words.windowIdle).length,
    );
    const tileEm = Math.max(2.56, ...widths) + 4.1;
    let best: GridFit = { cols: 1, font: 0 };
    for (let cols = 1; cols <= Math.min(count, 8); cols++) {
      const rows = Math.ceil(count / cols);
      const byWidth = (width - (cols - 1) * gap) / cols / tileEm;
      const byHeight = (height - (rows - 1) * gap) / rows / 1.36;
      const font = Math.min(byWidth, byHeight, 9 * vmin);
      if (font > best.font + 0.5) best = { cols, font };
    }
    best.font = Math.floor(best.font * 10) / 10;
    if (best.cols !== this._fit.cols || Math.abs(best.font - this._fit.font) > 0.5) this._fit = best;
  }

  private _renderAreas(board: Board) {
    const w = this.words.board;
    return html`<section class="areas" aria-labelledby="areas-heading">
      <h2 id="areas-heading">${w.waitingByArea}</h2>
      <ul>
        ${board.areas.map(
          (
            a,
          ) => html`<li class="area" data-area=${a.id} aria-label=${`${a.name} ${fill(w.waitingCount, { n: a.waiting })}${a.openWindows === 0 ? ` · ${w.noWindowForArea}` : ''}`}>
            <span class="prefix">${a.prefix}</span>
            <span class="count ${a.openWindows === 0 ? 'no-window' : ''}">${fill(w.waitingCount, { n: a.waiting })}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** 请准备: each area's next number in turn (areas with a window open), then each one's second, … */
  private _renderNextUp(board: Board) {
    const w = this.words.board;
    const open = board.areas.filter((a) => a.openWindows > 0);
    const numbers: string[] = [];
    for (let rank = 0; numbers.length < NEXT_UP_MAX && open.some((a) => a.next.length > rank); rank++) {
      for (const a of open) if (a.next[rank] && numbers.length < NEXT_UP_MAX) numbers.push(a.next[rank]!);
    }
    return html`<section class="next-up" aria-labelledby="next-heading">
      <h2 id="next-heading">${w.nextUp}</h2>
      ${numbers.length === 0 ? html`<div class="empty">${w.nextUpNone}</div>` : html`<ol>${numbers.map((n) => html`<li data-number=${n}>${n}</li>`)}</ol>`}
    </section>`;
  }

  /**
   * 一件事一次办: the called citizen's step (第2步/共3步 · 下一步：税务事项专办), from the board's window
   * snapshot, which follows each call shortly; nothing while the snapshot has not caught up.
   */
  private _renderJourney(latest: LatestCall) {
    const board = this.hall.board;
    const journey = this._journeyOf(latest);
    if (!board || !journey) return nothing;
    const common = this.words.common;
    const areaName = (id: string) => board.areas.find((a) => a.id === id)?.name ?? id;
    // The step and what follows; the bundle's name would not fit beside the call.
    // Each part whole on its line when the column is narrow.
    return html`<p class="call-journey" data-journey-step=${journey.step}><span>${journeyStepText(journey, common)} ·</span> <span>${journeyNextText(journey, common, areaName)}</span></p>`;
  }

  private _journeyOf(latest: LatestCall) {
    return this.hall.board?.windows.find((x) => x.ticket?.id === latest.ticketId)?.ticket?.journey ?? null;
  }

  private async _enableSound(): Promise<void> {
    await this.announcer.enable();
    this._soundOn = this.announcer.running;
  }

  private _onEvent(e: HallEvent, replayed: boolean): void {
    if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
    const call = { ticketId: e.ticket.id, number: e.ticket.number, windowNumber: e.window.number, recall: e.type === 'ticket.recalled' };
    // The window's tile shows the call at once; a recall updates the same tile (highlighted again), never a second entry.
    if (e.version > (this.hall.board?.version ?? 0)) this._pending.set(e.window.id, { ticketId: call.ticketId, number: call.number, version: e.version });
    this._latest = { ...call, at: e.at };
    const recent = this.hall.now() - Date.parse(e.at) < SPEAK_REPLAYED_WITHIN_MS;
    if (!replayed || recent) {
      this._highlight();
      this.announcer.announce(call);
    }
  }

  private _onSnapshot(board: Board, reset: boolean): void {
    for (const [windowId, p] of this._pending) if (p.version <= board.version || reset) this._pending.delete(windowId);
    // After a (re)connect the events in between were not seen: the newest call is in the snapshot.
    const newest = board.recentCalls[0];
    if (!newest) return;
    if (reset || !this._latest) {
      if (!this._latest || Date.parse(newest.at) > Date.parse(this._latest.at)) {
        this._latest = { ticketId: newest.ticketId, number: newest.number, windowNumber: newest.windowNumber, recall: false, at: newest.at };
      }
    }
  }

  private _highlight(): void {
    this._freshUntil = this.hall.now() + FRESH_MS;
    if (this._freshTimer) clearTimeout(this._freshTimer);
    this._freshTimer = setTimeout(() => this.requestUpdate(), FRESH_MS + 50);
  }

  private _onPlayed(p: PlayedCall): void {
    this.played.push(p);
    this.dataset.played = String(this.played.length);
    this.dispatchEvent(new CustomEvent('qms-call-played', { detail: p, bubbles: true, composed: true }));
  }
}

/** A loudspeaker, drawn: the sign that the board's voice is on (the words are its label). */
const speakerIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path fill="currentColor" d="M3 9v6h4l5 4V5L7 9H3z" />
  <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'qms-hall-board': QmsHallBoard;
  }
}
