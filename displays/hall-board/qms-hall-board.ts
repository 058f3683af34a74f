/**
 * The hall wall board (大厅综合屏, `/display/hall?hall=yuxi`): the latest call as the largest thing
 * on the wall, recent calls, waiting per area, the session and the hall clock, notices in a slow
 * marquee, and the calls spoken after a one-time 启用声音 tap. Laid out for 1920×1080 and
 * 3840×2160 landscape and 1080×1920 portrait (sizes in vmin, so 4K is the same picture, sharper).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Board, HallEvent } from '../../server/protocol';
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
const RECENT_ROWS = 8;

interface LatestCall {
  ticketId: string;
  number: string;
  windowNumber: number;
  recall: boolean;
  at: string;
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
  });

  @state() private _latest: LatestCall | null = null;
  @state() private _freshUntil = 0;
  @state() private _soundOn = false;
  private _freshTimer: ReturnType<typeof setTimeout> | null = null;

  /** Every call the board has played, in order: what a test (or a technician) checks. */
  readonly played: PlayedCall[] = [];

  constructor() {
    super();
    new Ticker(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.board.title;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.announcer.close();
    if (this._freshTimer) clearTimeout(this._freshTimer);
  }

  override render() {
    return this.gate.render(() => (this.hall.board ? this._renderBoard(this.hall.board) : null));
  }

  private _renderBoard(board: Board) {
    const w = this.words.board;
    const now = this.hall.now();
    const clock = hallDateParts(now, offsetMinutesOf(board.now), this.locale);
    // The call shown large is not repeated in the list beside it.
    const recent = board.recentCalls.filter((c, i) => !(i === 0 && c.ticketId === this._latest?.ticketId)).slice(0, RECENT_ROWS);
    const notices = board.notices.length > 0 ? board.notices.map((n) => n.text) : [w.defaultNotice];
    return html`
      <div class="board">
        <header>
          <div class="hall-name">${board.hallName}</div>
          <div class="session"><span class="label">${w.session}</span>${localSessionLabel(board.session, board.day, this.locale)}</div>
          <div class="sound-slot">
            ${this._soundOn
              ? html`<span class="sound-on">${w.soundOn}</span>`
              : html`<button class="sound" @click=${this._enableSound}>${w.enableSound}</button>`}
          </div>
          <div class="clock">
            <div class="date">${clock.date}<br />${clock.weekday}</div>
            <div class="time">${clock.time}</div>
          </div>
        </header>
        <main>
          ${this._renderLatest(now)}
          <section class="recent" aria-label=${w.recentCalls}>
            <h2>${w.recentCalls}</h2>
            ${recent.length === 0
              ? html`<div class="empty">${w.noRecentCalls}</div>`
              : html`<ol>
                  ${recent.map(
                    (c) => html`<li><span class="number">${c.number}</span><span class="to">${fill(w.recentWindow, { window: c.windowNumber })}</span></li>`,
                  )}
                </ol>`}
          </section>
        </main>
        <section class="areas" aria-label=${w.waitingByArea}>
          <ul>
            ${board.areas.map(
              (a) => html`<li class="area">
                <span class="prefix">${a.prefix}</span>
                <span class="area-name">${a.name}</span>
                <span class="open-windows">${fill(w.openWindows, { n: a.openWindows })}</span>
                <span class="count"><span class="label">${w.waitingLabel}</span><span class="n">${fill(w.waitingCount, { n: a.waiting })}</span></span>
              </li>`,
            )}
          </ul>
        </section>
        <qms-notice-marquee .label=${w.notices} .items=${notices}></qms-notice-marquee>
      </div>
    `;
  }

  private _renderLatest(now: number) {
    const w = this.words.board;
    const latest = this._latest;
    if (!latest) return html`<section class="call latest-call" aria-label=${w.latestCall}><div class="no-call">${w.noCall}</div></section>`;
    const fresh = now < this._freshUntil;
    const badge = fresh ? (latest.recall ? w.recalling : w.nowCalling) : w.latestCall;
    const line = (template: string, vars: Record<string, string | number>, cls: string) => html`
      <p class="call-line ${cls}">${fillParts(template, vars).map((p) => (p.name ? html`<span class="value">${p.text}</span>` : p.text))}</p>
    `;
    return html`
      <section class="call latest-call ${fresh ? 'fresh' : ''} ${this._journeyOf(latest) ? 'with-journey' : ''}" aria-label=${w.latestCall} aria-live="assertive" data-number=${latest.number} data-window=${latest.windowNumber}>
        <span class="badge">${badge}</span>
        <div class="lines">
          ${line(w.callTicket, { number: latest.number }, 'ticket')} ${line(w.callWindow, { window: latest.windowNumber }, 'window')} ${this._renderJourney(latest)}
        </div>
      </section>
    `;
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
    // The step and what follows; the bundle's name would not fit a line across the call.
    return html`<p class="call-journey" data-journey-step=${journey.step}>${journeyStepText(journey, common)} · ${journeyNextText(journey, common, areaName)}</p>`;
  }

  private _journeyOf(latest: LatestCall) {
    return this.hall.board?.windows.find((x) => x.ticket?.id === latest.ticketId)?.ticket?.journey ?? null;
  }

  private async _enableSound(): Promise<void> {
    await this.announcer.enable();
    this._soundOn = true;
  }

  private _onEvent(e: HallEvent, replayed: boolean): void {
    if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
    const call = { ticketId: e.ticket.id, number: e.ticket.number, windowNumber: e.window.number, recall: e.type === 'ticket.recalled' };
    this._latest = { ...call, at: e.at };
    const recent = this.hall.now() - Date.parse(e.at) < SPEAK_REPLAYED_WITHIN_MS;
    if (!replayed || recent) {
      this._highlight();
      this.announcer.announce(call);
    }
  }

  private _onSnapshot(board: Board, reset: boolean): void {
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

declare global {
  interface HTMLElementTagNameMap {
    'qms-hall-board': QmsHallBoard;
  }
}
