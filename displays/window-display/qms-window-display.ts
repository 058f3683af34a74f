/**
 * The screen above one window (窗口屏, `/display/window?hall=yuxi&window=3`): the window's number
 * and name, the areas it serves, the ticket called or served there in very large type, the clerk's
 * name and staff number, and 暂停服务 / 未开放 when paused or closed.
 */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Board, HallEvent, Window } from '../../server/protocol';
import { baseStyles, fullScreenStyles } from '../shared/page-styles';
import { SignedInGate } from '../shared/page-gate';
import { queryParam } from '../shared/session';
import { fill, pageLocale, screenWords } from '../shared/words';
import { windowDisplayStyles } from './qms-window-display-styles';

const FRESH_MS = 10_000;

@customElement('qms-window-display')
export class QmsWindowDisplay extends LitElement {
  static override styles = [baseStyles, fullScreenStyles, windowDisplayStyles];

  private readonly locale = pageLocale();
  private readonly words = screenWords(this.locale);
  private readonly windowId = queryParam('window');
  private readonly gate = new SignedInGate(this, {
    page: 'window-display',
    heading: this.words.login.window,
    required: { window: () => this.words.common.missingWindow },
    // Only this window's events change this screen; it refreshes on those alone (see _onEvent).
    connection: { followBoard: false, onEvent: (e) => this._onEvent(e) },
  });
  private readonly hall = this.gate.hall;

  @state() private _freshUntil = 0;
  private _freshTimer: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.window.title;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._freshTimer) clearTimeout(this._freshTimer);
  }

  override render() {
    return this.gate.render(() => {
      const board = this.hall.board;
      if (!board) return null;
      const win = board.windows.find((w) => w.id === this.windowId);
      return win
        ? this._renderWindow(board, win)
        : html`<div class="message" role="alert">${fill(this.words.common.unknownWindow, { window: this.windowId! })}</div>`;
    });
  }

  private _renderWindow(board: Board, win: Window) {
    const w = this.words.window;
    const areaNames = win.areaIds.map((id) => board.areas.find((a) => a.id === id)?.name ?? id).join(' · ');
    return html`
      <div class="screen" data-status=${win.status}>
        <header>
          <h1><span class="number">${fill(this.words.common.windowNumber, { n: win.number })}</span><span class="name">${win.name}</span></h1>
          <span class="status ${win.status}">${this.words.common.windowStatus[win.status]}</span>
          <span class="areas">${fill(w.areasLine, { areas: areaNames })}</span>
        </header>
        ${this._renderMain(win)}
        <footer>
          ${
            win.clerk
              ? html`<span><span class="k">${w.clerk}</span><span class="v clerk-name">${win.clerk.name}</span></span>
                ${win.clerk.staffNo ? html`<span><span class="k">${w.staffNo}</span><span class="v staff-no">${win.clerk.staffNo}</span></span>` : ''}`
              : ''
          }
        </footer>
      </div>
    `;
  }

  private _renderMain(win: Window) {
    const w = this.words.window;
    if (win.status === 'closed') {
      return html`<main class="state"><div class="state-word">${w.closed}</div><div class="hint">${w.closedHint}</div></main>`;
    }
    if (win.status === 'paused') {
      return html`<main class="state">
        <div class="state-word">${w.paused}</div>
        ${win.pauseReason ? html`<div class="hint">${fill(w.pauseReason, { reason: win.pauseReason })}</div>` : ''}
      </main>`;
    }
    const t = win.ticket;
    if (!t) return html`<main class="state"><div class="state-word">${w.idle}</div><div class="hint">${w.idleHint}</div></main>`;
    const fresh = Date.now() < this._freshUntil;
    return t.status === 'serving'
      ? html`<main class="current ${fresh ? 'fresh' : ''}" data-number=${t.number}>
          <div class="lead">${w.serving}</div>
          <div class="ticket">${t.number}</div>
        </main>`
      : html`<main class="current ${fresh ? 'fresh' : ''}" data-number=${t.number}>
          <div class="lead">${w.calling}</div>
          <div class="ticket">${t.number}</div>
          <div class="trail">${w.callingSuffix}</div>
        </main>`;
  }

  private _onEvent(e: HallEvent): void {
    const here = ('window' in e && e.window.id === this.windowId) || ('windowId' in e && e.windowId === this.windowId);
    if (!here) return;
    // Events for this window change what it shows: fetch the window's state now, not after the debounce.
    void this.hall.refresh();
    if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
      this._freshUntil = Date.now() + FRESH_MS;
      if (this._freshTimer) clearTimeout(this._freshTimer);
      this._freshTimer = setTimeout(() => this.requestUpdate(), FRESH_MS + 50);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-window-display': QmsWindowDisplay;
  }
}
