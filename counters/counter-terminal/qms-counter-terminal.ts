/**
 * The clerk's counter terminal (`/counter?hall=yuxi[&window=3]`): sign in at a window, then call,
 * recall, start, complete, mark no-show, transfer, pause, resume, park and ask for a helper with big
 * buttons or keys (F1–F4, F6–F10 — physical keypads send them — and Alt+letter for the rest; every
 * button shows its key). 过号 asks for confirmation (its key again, F9, far from 办结 and 转移),
 * cannot be confirmed before the hall's minimum time after the call, and may be undone shortly after.
 * 办结 sends the 办件编号 typed beside the ticket, if any. The window's 过号 list and 下一位 (the next
 * numbers in the order the server calls them) come from the server, so a reload keeps them. A
 * button is enabled only when the window's state allows it and the connection is up; the server
 * still decides, and whatever it refuses is shown in words from the message table. Fits 1366×768.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { messages } from '../../server/i18n';
import { allowedWindowActions, type WindowAction } from '../../server/domain/window-actions';
import { isOpenTicket } from '../../server/domain/assistance';
import type { Board, HallDetail, Ticket, Window } from '../../server/protocol';
import type { NextUpView } from '../../server/domain/views';

type NextUp = NextUpView;
import { ApiFailure } from '../../displays/shared/api';
import { secondsSince } from '../../displays/shared/hall-time';
import { baseStyles } from '../../displays/shared/page-styles';
import { SignedInGate } from '../../displays/shared/page-gate';
import { queryParam } from '../../displays/shared/session';
import { Ticker } from '../../displays/shared/ticker';
import { fill, formatDuration, pageLocale, screenWords } from '../../displays/shared/words';
import { journeyNextText, journeyStepText } from '../../displays/shared/journey-words';
import './qms-pause-dialog';
import type { QmsPauseDialog } from './qms-pause-dialog';
import './qms-transfer-dialog';
import type { QmsTransferDialog } from './qms-transfer-dialog';
import './qms-no-show-dialog';
import type { QmsNoShowDialog } from './qms-no-show-dialog';
import { counterTerminalStyles } from './qms-counter-terminal-styles';
import { actionForKey, COUNTER_ACTIONS, counterKeys, isTypingKey, type CounterAction } from '../../server/domain/counter-keys';

/** The desk's buttons besides the window actions of the shared rule. */
type DeskAction = WindowAction | 'park' | 'assistance';

/**
 * The keys come from the hall (`counter.keys`, over the defaults of `server/domain/counter-keys.ts`:
 * F-keys and digits, so F-key and numeric 呼叫器 both work out of the box). 过号 asks to be
 * confirmed with its key again; F5 (the browser's reload) does nothing.
 */
const ACTION_ORDER: readonly DeskAction[] = COUNTER_ACTIONS;

/** Keys of the desk's other controls. */
const KEYS = { callNumber: 'Alt+N', signIn: 'Alt+S', signOut: 'Alt+Q', undo: 'Alt+Z', requeue: 'Alt+R', help: 'Alt+K' } as const;

/** Keys the terminal keeps from the browser (help, reload, …) even when they do nothing here. */
const SWALLOWED = new Set(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12']);

/** Whether the key event comes from a field being typed in (digits there are text, not actions). */
function fromField(e: KeyboardEvent): boolean {
  const target = e.composedPath()[0];
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable);
}

/** `Alt+H`, `F9`, … as the buttons show them; letters by their place on the keyboard (layout-proof). */
function keyName(e: KeyboardEvent): string {
  const base = e.code.startsWith('Key') ? e.code.slice(3) : e.key;
  return (e.altKey ? 'Alt+' : '') + base;
}

/** How many of the window's next calls the desk lists. */
const NEXT_UP = 4;

const PATHS: Record<Exclude<WindowAction, 'transfer' | 'pause'>, string> = {
  callNext: 'call-next',
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  noShow: 'no-show',
  resume: 'resume',
};

interface Note {
  kind: 'ok' | 'error';
  text: string;
}

@customElement('qms-counter-terminal')
export class QmsCounterTerminal extends LitElement {
  static override styles = [baseStyles, counterTerminalStyles];

  private readonly locale = pageLocale();
  private readonly words = screenWords(this.locale);
  private readonly table = messages(this.locale);
  private readonly gate = new SignedInGate(this, { page: 'counter', heading: this.words.login.counter, connection: { onSnapshot: () => this._loadNextUp() } });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;

  @state() private _windowId: string | null = queryParam('window');
  @state() private _detail: HallDetail | null = null;
  @state() private _busy = false;
  @state() private _note: Note | null = null;
  /** 下一位: the window's next calls as the server orders them (its last answer). */
  @state() private _nextUp: NextUp[] | null = null;
  private _nextUpLoading = false;
  private _nextUpAgain = false;
  private _detailFor: string | null = null;
  /** Whether the connection was up at the last render: a reconnect clears the outage's error. */
  private _wasOnline = true;
  /** The 按键说明 card is on screen. */
  @state() private _help = false;
  /** 实名: the masked number and name of the window's citizen, by ticket id (null: none kept). */
  @state() private _identity: { ticketId: string; masked: string | null; name: string | null } | null = null;
  private _identityFor: string | null = null;

  @query('qms-transfer-dialog') private _transferDialog!: QmsTransferDialog;
  @query('qms-pause-dialog') private _pauseDialog!: QmsPauseDialog;
  @query('qms-no-show-dialog') private _noShowDialog!: QmsNoShowDialog;
  @query('main') private _main!: HTMLElement | null;
  @query('input[name="number"]') private _numberInput!: HTMLInputElement | null;
  @query('input[name="reason"]') private _parkInput!: HTMLInputElement | null;
  @query('input[name="caseNumber"]') private _caseNumberInput!: HTMLInputElement | null;

  constructor() {
    super();
    new Ticker(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.counter.title;
    window.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
  }

  protected override willUpdate(): void {
    // Back online: the outage's network error is over (the snapshot shows the window as it is now).
    const online = this.hall.online;
    if (online && !this._wasOnline && this._note?.kind === 'error') this._note = { kind: 'ok', text: this.words.counter.reconnected };
    this._wasOnline = online;
    // The hall's layout (areas, services, windows) once per sign-in.
    const token = this.session.token;
    if (token && this.hallId && this._detailFor !== token) {
      this._detailFor = token;
      this.session.api
        .get<HallDetail>(`/api/v1/halls/${encodeURIComponent(this.hallId)}`)
        .then((d) => (this._detail = d))
        .catch((err: unknown) => {
          this._detailFor = null;
          this._note = { kind: 'error', text: err instanceof ApiFailure ? err.display : String(err) };
        });
    }
  }

  override render() {
    return this.gate.render(() => (this.hall.board && this._detail ? this._renderPage(this.hall.board, this._detail) : null));
  }

  private _renderPage(board: Board, detail: HallDetail): TemplateResult {
    const w = this.words.counter;
    const win = this._windowId ? board.windows.find((x) => x.id === this._windowId) : undefined;
    if (!win) {
      return html`
        <header><h1 class="title">${detail.name} · ${w.title}</h1>${this._renderUser()}</header>
        <main tabindex="-1">
          ${this._windowId ? html`<p class="note error" role="alert">${fill(this.words.common.unknownWindow, { window: this._windowId })}</p>` : ''}
          <div class="gate">
            <span>${w.pickWindow}</span>
            <div class="windows">
              ${detail.windows.map(
                (x) => html`<button data-window=${x.id} @click=${() => this._pickWindow(x.id)}>
                  <span class="n">${fill(this.words.common.windowNumber, { n: x.number })}</span><span>${x.name}</span>
                </button>`,
              )}
            </div>
          </div>
        </main>
      `;
    }
    const user = this.session.session!.user;
    const mine = win.clerk?.id === user.id;
    const staffOverride = user.role === 'manager' || user.role === 'admin';
    const online = this.hall.online;
    const ticket = win.ticket;
    const policy = detail.policy;
    const sinceCall = ticket?.calledAt ? Math.max(0, Math.floor((this.hall.now() - Date.parse(ticket.calledAt)) / 1000)) : 0;
    return html`
      <header>
        <h1 class="title">${fill(this.words.common.windowNumber, { n: win.number })} · ${win.name}</h1>
        <span class="status ${win.status}" data-status=${win.status}>${this.words.common.windowStatus[win.status]}</span>
        ${this._renderUser(win)}
        <button class="link" data-key=${KEYS.signOut} aria-keyshortcuts=${KEYS.signOut} ?disabled=${!online || !mine || win.ticket !== null || this._busy} @click=${this._signOutOfWindow}>
          ${w.signOut} <kbd>${KEYS.signOut}</kbd>
        </button>
        <button class="link" @click=${() => this._pickWindow(null)}>${w.changeWindow}</button>
        <button class="link help" aria-keyshortcuts=${KEYS.help} @click=${() => (this._help = !this._help)}>${w.keysHelp} <kbd>${KEYS.help}</kbd></button>
      </header>
      <main tabindex="-1">${mine || staffOverride ? this._renderDesk(board, detail, win) : this._renderGate(win)}</main>
      ${this._renderHelp()}
      <qms-transfer-dialog
        .words=${this.words}
        .areas=${detail.areas.map((a) => ({ id: a.id, name: a.name, prefix: a.prefix }))}
        .currentAreaId=${win.ticket?.areaId ?? ''}
        @qms-transfer=${(e: CustomEvent<{ areaId: string }>) => this._transfer(e.detail.areaId)}
        @qms-closed=${this._focusMain}
      ></qms-transfer-dialog>
      <qms-pause-dialog .words=${this.words} @qms-pause=${(e: CustomEvent<{ reason: string }>) => this._pause(e.detail.reason)} @qms-closed=${this._focusMain}></qms-pause-dialog>
      <qms-no-show-dialog
        .words=${this.words}
        number=${ticket?.number ?? ''}
        key=${this._keys.noShow[0] ?? 'F9'}
        .seconds=${sinceCall}
        .minimum=${policy.noShowAfterSeconds}
        .remaining=${Math.max(0, policy.noShowAfterSeconds - sinceCall)}
        .requeueMinutes=${policy.requeueWithinMinutes}
        @qms-no-show=${() => this._run('noShow', true)}
        @qms-closed=${this._focusMain}
      ></qms-no-show-dialog>
    `;
  }

  private _renderUser(win?: Window): TemplateResult {
    const user = this.session.session!.user;
    const clerk = win?.clerk && win.clerk.id === user.id ? win.clerk : null;
    const line = fill(this.words.counter.clerkLine, { name: user.name, staffNo: clerk?.staffNo ?? user.staffNo ?? '—' });
    return html`<span class="who">${line}</span>
      <button class="link" @click=${() => this.session.logOut()}>${this.words.common.signOut}</button>`;
  }

  /** Not signed in here: sign in, or see who is. */
  private _renderGate(win: Window): TemplateResult {
    const w = this.words.counter;
    return html`
      ${this._renderNote()}
      <div class="gate">
        ${
          win.clerk
            ? html`<span>${fill(w.takenBy, { name: win.clerk.name })}</span>`
            : html`<span>${w.notSignedIn}</span>
              <button class="big" data-key=${KEYS.signIn} aria-keyshortcuts=${KEYS.signIn} ?disabled=${this._busy || !this.hall.online} @click=${this._signIn}>
                ${w.signIn} <kbd>${KEYS.signIn}</kbd>
              </button>`
        }
      </div>
    `;
  }

  private _renderDesk(board: Board, detail: HallDetail, win: Window): TemplateResult {
    const w = this.words.counter;
    const enabled = this._enabled(win);
    const online = this.hall.online;
    return html`
      ${this._renderNote()}
      <div class="layout">
        <section class="panel current" aria-label=${w.current}>
          <h2>${w.current}</h2>
          ${win.ticket ? this._renderTicket(win.ticket, detail) : html`<div class="empty">${w.noTicket}</div>`}
          ${
            win.ticket
              ? html`${keyed(
                  win.ticket.id,
                  // Per ticket: a case number typed for one citizen never goes with the next one's completion.
                  html`<form class="call-number case-number" @submit=${this._onCaseNumber}>
                    <label>${w.caseNumberLabel}<input name="caseNumber" ?disabled=${!enabled.complete} placeholder=${w.caseNumberPlaceholder} autocomplete="off" maxlength="64" /></label>
                  </form>`,
                )}
                <form class="call-number park" @submit=${this._onPark}>
                  <label>${w.parkLabel}<input name="reason" ?disabled=${!enabled.park} placeholder=${w.parkPlaceholder} autocomplete="off" maxlength="100" /></label>
                </form>`
              : ''
          }
          <form class="call-number" @submit=${this._onCallNumber}>
            <label><span>${w.callNumber} <kbd>${KEYS.callNumber}</kbd></span><input name="number" ?disabled=${!enabled.callNext} aria-keyshortcuts=${KEYS.callNumber} aria-label=${w.numberLabel} placeholder=${w.numberPlaceholder} autocomplete="off" maxlength="12" /></label>
            <button type="submit" ?disabled=${!enabled.callNext}>${w.callNumberButton} <kbd>Enter</kbd></button>
          </form>
        </section>
        <div class="side">
          <section class="actions" aria-label=${w.title}>
            ${!online ? html`<p class="offline-actions" role="status">${w.offlineActions}</p>` : ''}
            ${ACTION_ORDER.map((id) => {
              const keys = this._keys[id];
              return html`<button
                class="action ${id === 'callNext' ? 'primary' : ''} ${id === 'noShow' ? 'danger' : ''}"
                data-action=${id}
                aria-keyshortcuts=${keys.join(' ')}
                title=${fill(w.shortcut, { key: keys.join(' / ') })}
                ?disabled=${!enabled[id]}
                @click=${() => this._run(id)}
              >
                <span>${this._actionName(id)}</span><div class="keys">${keys.map((k) => html`<kbd>${k}</kbd>`)}</div>
              </button>`;
            })}
          </section>
          <section class="panel waiting" aria-label=${w.waitingTitle}>
            <h2>${w.waitingTitle}</h2>
            <ul>
              ${win.areaIds.map((id) => {
                const area = board.areas.find((a) => a.id === id);
                if (!area) return '';
                // The snapshot's longest wait keeps growing between snapshots.
                const longest = area.waiting > 0 ? area.longestWaitSeconds + secondsSince(board.now, this.hall.now()) : 0;
                return html`<li data-area=${id}>
                  <span class="area-name">${area.prefix} ${area.name}</span>
                  <span class="count">${area.waiting > 0 ? fill(w.waitingCount, { n: area.waiting }) : w.nobody}</span>
                  <span class="longest">${area.waiting > 0 ? fill(w.longestWait, { t: formatDuration(longest, this.words) }) : ''}</span>
                </li>`;
              })}
            </ul>
            <h2 class="next-up-title">${w.nextUpTitle}</h2>
            <ol class="next-up">
              ${
                this._nextUp && this._nextUp.length > 0
                  ? this._nextUp.map(
                      (t, i) => html`<li data-number=${t.number} data-class=${t.queueClass}>
                      <span class="pos">${i + 1}.</span><span class="n">${t.number}</span>${w.queueClasses[t.queueClass] ? html`<span class="badge small">${w.queueClasses[t.queueClass]}</span>` : ''}
                    </li>`,
                    )
                  : html`<li class="none">${w.nextUpNone}</li>`
              }
            </ol>
          </section>
          ${
            win.missed.length > 0
              ? html`<section class="panel missed" aria-label=${w.missedTitle}>
                <h2>${w.missedTitle}</h2>
                <ul>
                  ${win.missed.map(
                    (m, i) => html`<li data-number=${m.number}>
                      <span class="missed-number">${m.number}</span>
                      ${
                        m.undoUntil
                          ? html`<button class="undo" ?disabled=${this._busy || !online || win.ticket !== null} aria-keyshortcuts=${i === 0 ? KEYS.undo : ''} @click=${() => this._undoNoShow(m.id, m.number)}>
                            ${w.undoNoShow}${i === 0 ? html` <kbd>${KEYS.undo}</kbd>` : ''}
                          </button>`
                          : ''
                      }
                      ${
                        m.requeueUntil
                          ? html`<button class="requeue" ?disabled=${this._busy || !online} aria-keyshortcuts=${i === 0 ? KEYS.requeue : ''} @click=${() => this._requeue(m.id)}>
                              ${w.requeueButton}${i === 0 ? html` <kbd>${KEYS.requeue}</kbd>` : ''}
                            </button>
                            <span class="until">${fill(w.missedUntil, { time: m.requeueUntil.slice(11, 16) })}</span>`
                          : html`<span class="until">${w.missedExpired}</span>`
                      }
                    </li>`,
                  )}
                </ul>
              </section>`
              : ''
          }
          ${
            win.parked.length > 0
              ? html`<section class="panel missed parked" aria-label=${w.parkedTitle}>
                <h2>${w.parkedTitle}</h2>
                <ul>
                  ${win.parked.map(
                    (p) => html`<li data-number=${p.number}>
                      <span class="missed-number">${p.number}</span>
                      <span class="reason">${p.reason ?? w.noReason}</span>
                      <button ?disabled=${!enabled.callNext} @click=${() => this._resumeParked(p.id, p.number)}>${w.resumeParked}</button>
                    </li>`,
                  )}
                </ul>
              </section>`
              : ''
          }
        </div>
      </div>
    `;
  }

  private _renderTicket(t: Ticket, detail: HallDetail): TemplateResult {
    const w = this.words.counter;
    const area = detail.areas.find((a) => a.id === t.areaId);
    const service = t.serviceId
      ? (area?.services.find((s) => s.id === t.serviceId) ?? detail.areas.flatMap((a) => a.services).find((s) => s.id === t.serviceId))
      : undefined;
    const waited = t.calledAt ? Math.max(0, (Date.parse(t.calledAt) - Date.parse(t.issuedAt)) / 1000) : secondsSince(t.issuedAt, this.hall.now());
    return html`
      <div class="ticket-head">
        <span class="ticket-number" data-number=${t.number}>${t.number}</span>
        <span class="badge status-word" data-status=${t.status}>${this.table.ticketStatus[t.status]}</span>
        ${t.priority !== 'normal' ? html`<span class="badge priority" data-priority=${t.priority}>${this.table.priorities[t.priority]}</span>` : ''}
      </div>
      <dl>
        <dt>${w.area}</dt>
        <dd class="area">${area?.name ?? t.areaId}</dd>
        <dt>${w.service}</dt>
        <dd class="service">${service?.name ?? w.noService}</dd>
        ${this._renderIdentity(t)}
        <dt>${w.waited}</dt>
        <dd class="waited">${formatDuration(waited, this.words)}</dd>
        ${
          t.status === 'serving' && t.startedAt
            ? html`<dt>${w.serviceTime}</dt>
              <dd class="service-time">${formatDuration(secondsSince(t.startedAt, this.hall.now()), this.words)}</dd>`
            : ''
        }
        ${t.recalls > 0 ? html`<dt>${w.status}</dt><dd class="recalls">${fill(w.recalls, { n: t.recalls })}</dd>` : ''}
        ${
          t.assistance
            ? html`<dt>${w.assistanceLabel}</dt>
              <dd class="assistance-state">${t.assistance.assignedTo ? fill(w.assistanceAssigned, { staff: t.assistance.assignedTo }) : w.assistanceWaiting}</dd>`
            : ''
        }
        ${
          t.journey
            ? html`<dt>${w.journey}</dt>
              <dd class="journey" data-journey-step=${t.journey.step}>
                ${t.journey.name} · <strong>${journeyStepText(t.journey, this.words.common)}</strong> ·
                ${journeyNextText(t.journey, this.words.common, (id) => detail.areas.find((a) => a.id === id)?.name ?? id)}
              </dd>`
            : ''
        }
      </dl>
    `;
  }

  private _actionName(id: DeskAction): string {
    const w = this.words.counter;
    return id === 'park' ? w.park : id === 'assistance' ? w.assistance : w.actions[id];
  }

  /** 按键说明: every action and its keys, as the hall set them (Esc or its key closes; focus goes back to the desk). */
  private _renderHelp(): TemplateResult {
    const w = this.words.counter;
    if (!this._help) return html``;
    return html`<aside class="keys-help" role="dialog" aria-modal="false" aria-labelledby="keys-help-title">
      <h2 id="keys-help-title">${w.keysHelpTitle}</h2>
      <table>
        ${ACTION_ORDER.map((id) => html`<tr data-action=${id}><th>${this._actionName(id)}</th><td>${this._keys[id].map((k) => html`<kbd>${k}</kbd>`)}</td></tr>`)}
        <tr><th>${w.callNumber}</th><td><kbd>${KEYS.callNumber}</kbd></td></tr>
        <tr><th>${w.signIn} / ${w.signOut}</th><td><kbd>${KEYS.signIn}</kbd> <kbd>${KEYS.signOut}</kbd></td></tr>
        <tr><th>${w.undoNoShow}</th><td><kbd>${KEYS.undo}</kbd></td></tr>
        <tr><th>${w.requeueButton}</th><td><kbd>${KEYS.requeue}</kbd></td></tr>
      </table>
      <p class="hint">${fill(w.keysHelpNote, { key: KEYS.help })}</p>
      <button class="link" @click=${this._closeHelp}>${w.keysHelpClose} <kbd>Esc</kbd></button>
    </aside>`;
  }

  private readonly _closeHelp = (): void => {
    this._help = false;
    this._focusMain();
  };

  /** 实名: what is kept for the window's citizen, asked once per ticket. */
  private _loadIdentity(t: Ticket): void {
    if (!this.hallId || this._identityFor === t.id) return;
    this._identityFor = t.id;
    this._identity = { ticketId: t.id, masked: null, name: null };
    this.session.api
      .get<{ identity: { masked: string; name: string | null } | null }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(t.id)}/identity`,
      )
      .then((r) => {
        if (this._identityFor === t.id) this._identity = { ticketId: t.id, masked: r.identity?.masked ?? '', name: r.identity?.name ?? null };
      })
      .catch(() => {
        if (this._identityFor === t.id) this._identity = { ticketId: t.id, masked: '', name: null };
      });
  }

  private _renderIdentity(t: Ticket): TemplateResult {
    const w = this.words.counter;
    if (!t.identified) return html``;
    this._loadIdentity(t);
    const id = this._identity?.ticketId === t.id ? this._identity : null;
    const text = id?.masked === null || !id ? w.identityLoading : id.masked === '' ? w.identityGone : [id.masked, id.name].filter(Boolean).join(' ');
    return html`<dt>${w.identityLabel}</dt><dd class="identity">${text}</dd>`;
  }

  private _renderNote(): TemplateResult {
    const n = this._note;
    if (n?.kind === 'error') return html`<p class="note error" role="alert">${n.text}</p>`;
    return html`<p class="note ${n ? 'ok' : ''}" role="status">${n?.text ?? ''}</p>`;
  }

  /**
   * What the window's state allows, by the table the server decides with, for the desk's buttons;
   * nothing while an action is on its way or the connection is down.
   */
  private _enabled(win: Window): Record<DeskAction, boolean> {
    const allowed = allowedWindowActions(win);
    const open = win.ticket !== null && isOpenTicket(win.ticket);
    const all: Record<DeskAction, boolean> = { ...allowed, park: open, assistance: open && win.ticket!.assistance === null };
    if (!this._busy && this.hall.online) return all;
    return Object.fromEntries(Object.keys(all).map((a) => [a, false])) as Record<DeskAction, boolean>;
  }

  private readonly _onKey = (e: KeyboardEvent): void => {
    // A dialog that took the key already (the transfer picker's digits) is not a desk action too.
    if (e.defaultPrevented) return;
    const key = keyName(e);
    // Digits and letters typed in a field (case number, reason) are text, not actions.
    if (isTypingKey(key) && fromField(e)) return;
    const actionId = actionForKey(this._keys, key);
    const other = (Object.entries(KEYS) as Array<[keyof typeof KEYS, string]>).find(([, k]) => k === key)?.[0];
    if (this._help && (key === 'Escape' || other === 'help')) {
      e.preventDefault();
      this._closeHelp();
      return;
    }
    if (!actionId && !other && !SWALLOWED.has(key)) return;
    // F5 would reload and F1 open help: the keys belong to the terminal.
    e.preventDefault();
    if (e.repeat) return;
    // A dialog on screen is answered first; the 过号 key confirms its own dialog.
    if (this._noShowDialog?.isOpen) {
      if (actionId === 'noShow') this._noShowDialog.confirm();
      return;
    }
    if (this._transferDialog?.isOpen || this._pauseDialog?.isOpen) return;
    if (other === 'help') {
      this._help = true;
      return;
    }
    const win = this._currentWindow();
    if (!win) return;
    if (actionId) {
      if (this._enabled(win)[actionId]) this._run(actionId);
      return;
    }
    if (!other) return;
    const mine = win.clerk?.id === this.session.session?.user.id;
    switch (other) {
      case 'callNumber':
        this._numberInput?.focus();
        break;
      case 'signIn':
        if (win.status === 'closed' && !this._busy && this.hall.online) this._signIn();
        break;
      case 'signOut':
        if (mine && win.ticket === null && !this._busy && this.hall.online) this._signOutOfWindow();
        break;
      case 'undo': {
        const m = win.missed[0];
        if (m?.undoUntil && win.ticket === null) void this._undoNoShow(m.id, m.number);
        break;
      }
      case 'requeue': {
        const m = win.missed[0];
        if (m?.requeueUntil) void this._requeue(m.id);
        break;
      }
    }
  };

  /** The hall's keys per action (its map over the defaults). */
  private get _keys(): Record<CounterAction, string[]> {
    return (this._detail?.counterKeys as Record<CounterAction, string[]> | undefined) ?? counterKeys(undefined);
  }

  private _currentWindow(): Window | undefined {
    return this._windowId ? this.hall.board?.windows.find((x) => x.id === this._windowId) : undefined;
  }

  /** Back to the desk after a dialog: the keys work again, and nothing typed goes astray. */
  private readonly _focusMain = (): void => {
    this._main?.focus();
  };

  /** `confirmed`: the 过号 dialog said yes; otherwise 过号 only opens it. */
  private _run(id: DeskAction, confirmed = false): void {
    if (id === 'transfer') return this._transferDialog.open();
    if (id === 'pause') return this._pauseDialog.open();
    if (id === 'noShow' && !confirmed) return this._noShowDialog.open();
    if (id === 'park') return this._park();
    if (id === 'assistance') {
      const t = this._currentWindow()?.ticket;
      if (t) void this._askAssistance(t);
      return;
    }
    const caseNumber = id === 'complete' ? this._caseNumberInput?.value.trim() : '';
    void this._post(PATHS[id], caseNumber ? { caseNumber } : {}, (body) => {
      // A journey's step moves on (the step note says where); the last step or a single visit ends here.
      if (caseNumber && body.ticket?.status !== 'waiting') return fill(this.words.counter.completedWithCase, { number: body.ticket?.number ?? '', caseNumber });
      return this._okText(id, body);
    });
  }

  /** 下一位: the server's call order for this window, asked again after every snapshot (one request at a time). */
  private _loadNextUp(): void {
    if (!this.hallId || !this._windowId || !this.session.token) return;
    if (this._nextUpLoading) {
      this._nextUpAgain = true;
      return;
    }
    this._nextUpLoading = true;
    const windowId = this._windowId;
    this.session.api
      .get<{ tickets: NextUp[] }>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/windows/${encodeURIComponent(windowId)}/next-up?limit=${NEXT_UP}`)
      .then((r) => {
        if (windowId === this._windowId) this._nextUp = r.tickets;
      })
      .catch(() => {
        // Kept as it was: the next snapshot asks again.
      })
      .finally(() => {
        this._nextUpLoading = false;
        if (this._nextUpAgain) {
          this._nextUpAgain = false;
          this._loadNextUp();
        }
      });
  }

  /** 撤销过号: the citizen turned up after all; back at this window as called. */
  private async _undoNoShow(ticketId: string, number: string): Promise<void> {
    await this._post('undo-no-show', { ticketId }, () => fill(this.words.counter.undoneNoShow, { number }));
  }

  /** 过号重排: the missed citizen came back; the ticket re-joins its queue with its number. */
  private async _requeue(ticketId: string): Promise<void> {
    if (this._busy || !this.hallId) return;
    this._busy = true;
    try {
      const { ticket } = await this.session.api.post<{ ticket: Ticket }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(ticketId)}/requeue`,
        {},
      );
      this._note = { kind: 'ok', text: fill(this.words.counter.requeued, { number: ticket.number, n: ticket.ahead ?? 0 }) };
    } catch (err) {
      this._note = { kind: 'error', text: err instanceof ApiFailure ? err.display : this.table.errors.internal_error };
    }
    try {
      await this.hall.refresh();
    } finally {
      this._busy = false;
    }
  }

  private _okText(id: WindowAction, body: { ticket?: Ticket | null }): string {
    const w = this.words.counter;
    const number = body.ticket?.number ?? '';
    switch (id) {
      case 'callNext':
        return body.ticket ? fill(w.called, { number }) : w.nobodyWaiting;
      case 'recall':
        return fill(w.recalled, { number });
      case 'start':
        return fill(w.started, { number });
      case 'complete': {
        // 一件事一次办: a step before the last sends the citizen on; say where.
        const j = body.ticket?.journey;
        if (j && body.ticket?.status === 'waiting') {
          const area = this._detail?.areas.find((a) => a.id === body.ticket!.areaId)?.name ?? body.ticket.areaId;
          return fill(w.stepDone, { number, done: j.step - 1, area, step: j.step });
        }
        return fill(w.completed, { number });
      }
      case 'noShow':
        return fill(w.noShowDone, { number });
      case 'resume':
        return w.resumed;
      default:
        return '';
    }
  }

  private _onCallNumber(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('number') as HTMLInputElement;
    const number = input.value.trim().toUpperCase();
    if (!number) return;
    void this._post('call', { number }, (body) => fill(this.words.counter.called, { number: body.ticket?.number ?? number })).then((ok) => {
      if (!ok) return;
      input.value = '';
      // Back to the desk: the keypad's digits are actions again.
      input.blur();
      this._focusMain();
    });
  }

  /** Enter in the 办件编号 field completes, like F4. */
  private _onCaseNumber(e: SubmitEvent): void {
    e.preventDefault();
    const win = this._currentWindow();
    if (win && this._enabled(win).complete) this._run('complete');
  }

  /** 需要帮办: the window's citizen needs a helper; the duty manager is alerted and assigns one. */
  private async _askAssistance(t: Ticket): Promise<void> {
    if (this._busy || !this.hallId) return;
    this._busy = true;
    try {
      await this.session.api.post<{ ticket: Ticket }>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(t.id)}/assistance`, {});
      this._note = { kind: 'ok', text: fill(this.words.counter.assistanceAsked, { number: t.number }) };
    } catch (err) {
      this._note = { kind: 'error', text: err instanceof ApiFailure ? err.display : this.table.errors.internal_error };
    }
    try {
      await this.hall.refresh();
    } finally {
      this._busy = false;
    }
  }

  /** Enter in the 挂起原因 field parks, like F10. */
  private _onPark(e: SubmitEvent): void {
    e.preventDefault();
    const win = this._currentWindow();
    if (win && this._enabled(win).park) this._park();
  }

  /** 挂起 with the reason typed beside the ticket, if any. */
  private _park(): void {
    const input = this._parkInput;
    const reason = input?.value.trim() ?? '';
    const number = this._currentWindow()?.ticket?.number ?? '';
    void this._post('park', reason ? { reason } : {}, () => fill(this.words.counter.parkedDone, { number })).then((ok) => {
      if (ok && input) input.value = '';
    });
  }

  private _resumeParked(ticketId: string, number: string): void {
    void this._post('resume-parked', { ticketId }, () => fill(this.words.counter.resumedParked, { number }));
  }

  private _transfer(areaId: string): void {
    const area = this._detail?.areas.find((a) => a.id === areaId);
    void this._post('transfer', { areaId }, (body) => fill(this.words.counter.transferred, { number: body.ticket?.number ?? '', area: area?.name ?? areaId }));
  }

  private _pause(reason: string): void {
    void this._post('pause', reason ? { reason } : {}, () => this.words.counter.paused);
  }

  private _signIn(): void {
    void this._post('sign-in', {}, () => this.words.counter.signedIn);
  }

  private _signOutOfWindow(): void {
    void this._post('sign-out', {}, () => this.words.counter.signedOut);
  }

  private _pickWindow(id: string | null): void {
    this._windowId = id;
    this._note = null;
    const url = new URL(location.href);
    if (id) url.searchParams.set('window', id);
    else url.searchParams.delete('window');
    history.replaceState(null, '', url);
  }

  /** One action: POST, say what happened (or why not), then show the window as it now is. */
  private async _post(path: string, body: Record<string, unknown>, ok: (answer: { ticket?: Ticket | null }) => string): Promise<boolean> {
    if (this._busy || !this.hallId || !this._windowId) return false;
    this._busy = true;
    let done = false;
    try {
      const answer = await this.session.api.post<{ ticket?: Ticket | null }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/windows/${encodeURIComponent(this._windowId)}/${path}`,
        body,
      );
      this._note = { kind: 'ok', text: ok(answer) };
      done = true;
    } catch (err) {
      this._note = { kind: 'error', text: err instanceof ApiFailure ? err.display : this.table.errors.internal_error };
    }
    try {
      await this.hall.refresh();
    } finally {
      this._busy = false;
    }
    return done;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-counter-terminal': QmsCounterTerminal;
  }
}
