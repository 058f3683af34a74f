/**
 * The screen above one window (窗口屏, `/display/window?hall=yuxi&window=3`): the window's number
 * and name, the areas it serves, the ticket called or served there in very large type, the clerk's
 * name and staff number, and 暂停服务 / 未开放 when paused or closed.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Board, HallEvent, Window } from '../../server/protocol';
import { baseStyles, fullScreenStyles } from '../shared/page-styles';
import { SignedInGate } from '../shared/page-gate';
import { queryParam } from '../shared/session';
import { fill, pageLocale, screenWords } from '../shared/words';

const FRESH_MS = 10_000;

@customElement('qms-window-display')
export class QmsWindowDisplay extends LitElement {
  static override styles = [
    baseStyles,
    fullScreenStyles,
    css`
      .screen {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        height: 100%;
      }
      header {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: 1vmin 3vmin;
        padding: 2vmin 3vmin;
        background: #050e1a;
        border-bottom: 0.6vmin solid var(--qms-accent);
      }
      .number {
        font-size: 9vmin;
        font-weight: 900;
        white-space: nowrap;
      }
      .name {
        font-size: 5.6vmin;
        font-weight: 700;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .areas {
        grid-column: 1 / -1;
        font-size: 3.4vmin;
        color: var(--qms-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .status {
        font-size: 4vmin;
        font-weight: 700;
        padding: 0.4vmin 2.4vmin;
        border: 0.4vmin solid currentColor;
        border-radius: 1.2vmin;
        white-space: nowrap;
      }
      .status.paused,
      .status.closed {
        color: #000;
        background: var(--qms-warn);
        border-color: #000;
      }
      main {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 1vmin;
        min-height: 0;
        margin: 2.5vmin 3vmin;
        border: 0.8vmin solid #36557f;
        border-radius: 2vmin;
        background: var(--qms-panel);
        text-align: center;
      }
      main.fresh {
        border-color: var(--qms-accent);
        border-style: double;
        border-width: 1.4vmin;
      }
      .lead {
        font-size: 7vmin;
        font-weight: 700;
      }
      .ticket {
        font-size: 34vmin;
        line-height: 1;
        font-weight: 900;
        color: var(--qms-accent);
        font-variant-numeric: tabular-nums;
      }
      .trail {
        font-size: 6vmin;
        font-weight: 700;
      }
      .state-word {
        font-size: 20vmin;
        font-weight: 900;
        line-height: 1.1;
      }
      .hint {
        font-size: 5vmin;
        color: var(--qms-muted);
      }
      footer {
        display: flex;
        gap: 6vmin;
        padding: 1.6vmin 3vmin 2.4vmin;
        font-size: 4.4vmin;
        white-space: nowrap;
      }
      footer .k {
        color: var(--qms-muted);
        margin-right: 1.5vmin;
      }
      footer .v {
        font-weight: 700;
      }
      .message {
        display: grid;
        place-items: center;
        height: 100%;
        font-size: 4vmin;
        padding: 4vmin;
        text-align: center;
      }
    `,
  ];

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
      return win ? this._renderWindow(board, win) : html`<div class="message" role="alert">${fill(this.words.common.unknownWindow, { window: this.windowId! })}</div>`;
    });
  }

  private _renderWindow(board: Board, win: Window) {
    const w = this.words.window;
    const areaNames = win.areaIds.map((id) => board.areas.find((a) => a.id === id)?.name ?? id).join(' · ');
    return html`
      <div class="screen" data-status=${win.status}>
        <header>
          <span class="number">${fill(this.words.common.windowNumber, { n: win.number })}</span>
          <span class="name">${win.name}</span>
          <span class="status ${win.status}">${this.words.common.windowStatus[win.status]}</span>
          <span class="areas">${w.areas}：${areaNames}</span>
        </header>
        ${this._renderMain(win)}
        <footer>
          ${win.clerk
            ? html`<span><span class="k">${w.clerk}</span><span class="v clerk-name">${win.clerk.name}</span></span>
                ${win.clerk.staffNo ? html`<span><span class="k">${w.staffNo}</span><span class="v staff-no">${win.clerk.staffNo}</span></span>` : ''}`
            : ''}
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
    const here =
      ('window' in e && e.window.id === this.windowId) || ('windowId' in e && e.windowId === this.windowId);
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
