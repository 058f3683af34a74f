/**
 * The clerk's counter terminal (`/counter?hall=yuxi[&window=3]`): sign in at a window, then call,
 * recall, start, complete, mark no-show, transfer, pause and resume with big buttons or the keys
 * F1–F8 (physical keypads send them); 办结 sends the 办件编号 typed beside the ticket, if any, and
 * 需要帮办 asks the duty manager for a helper. A button is enabled only when the window's state allows it;
 * the server still decides, and whatever it refuses is shown in words from the message table.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { messages } from '../../server/i18n';
import { allowedWindowActions, type WindowAction } from '../../server/domain/window-actions';
import type { Board, HallDetail, Ticket, Window } from '../../server/protocol';
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
import { counterTerminalStyles } from './qms-counter-terminal-styles';


/** The keys, in the order the buttons stand; F5 is taken from the browser (reload) on purpose. */
const ACTIONS: ReadonlyArray<{ id: WindowAction; key: string }> = [
  { id: 'callNext', key: 'F1' },
  { id: 'recall', key: 'F2' },
  { id: 'start', key: 'F3' },
  { id: 'complete', key: 'F4' },
  { id: 'noShow', key: 'F5' },
  { id: 'transfer', key: 'F6' },
  { id: 'pause', key: 'F7' },
  { id: 'resume', key: 'F8' },
];

const PATHS: Record<Exclude<WindowAction, 'transfer' | 'pause'>, string> = {
  callNext: 'call-next',
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  noShow: 'no-show',
  resume: 'resume',
};

/** How many of the window's recent no-shows the terminal offers to re-queue. */
const MISSED_KEPT = 5;

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
  private readonly gate = new SignedInGate(this, { page: 'counter', heading: this.words.login.counter });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;

  @state() private _windowId: string | null = queryParam('window');
  @state() private _detail: HallDetail | null = null;
  @state() private _busy = false;
  @state() private _note: Note | null = null;
  /** Tickets this terminal marked absent, newest first: the clerk may put one back (过号重排). */
  @state() private _missed: Ticket[] = [];
  private _detailFor: string | null = null;

  @query('qms-transfer-dialog') private _transferDialog!: QmsTransferDialog;
  @query('qms-pause-dialog') private _pauseDialog!: QmsPauseDialog;
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
        <header><span class="title">${detail.name} · ${w.title}</span>${this._renderUser()}</header>
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
      `;
    }
    const user = this.session.session!.user;
    const mine = win.clerk?.id === user.id;
    const staffOverride = user.role === 'manager' || user.role === 'admin';
    return html`
      <header>
        <span class="title">${fill(this.words.common.windowNumber, { n: win.number })} · ${win.name}</span>
        <span class="status ${win.status}" data-status=${win.status}>${this.words.common.windowStatus[win.status]}</span>
        ${this._renderUser(win)}
        <button class="link" ?disabled=${!mine || win.ticket !== null || this._busy} @click=${this._signOutOfWindow}>${w.signOut}</button>
        <button class="link" @click=${() => this._pickWindow(null)}>${w.changeWindow}</button>
      </header>
      ${mine || staffOverride ? this._renderDesk(board, detail, win) : this._renderGate(win)}
      <qms-transfer-dialog
        .words=${this.words}
        .areas=${detail.areas.map((a) => ({ id: a.id, name: a.name, prefix: a.prefix }))}
        .currentAreaId=${win.ticket?.areaId ?? ''}
        @qms-transfer=${(e: CustomEvent<{ areaId: string }>) => this._transfer(e.detail.areaId)}
      ></qms-transfer-dialog>
      <qms-pause-dialog .words=${this.words} @qms-pause=${(e: CustomEvent<{ reason: string }>) => this._pause(e.detail.reason)}></qms-pause-dialog>
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
        ${win.clerk
          ? html`<span>${fill(w.takenBy, { name: win.clerk.name })}</span>`
          : html`<span>${w.notSignedIn}</span>
              <button class="big" ?disabled=${this._busy} @click=${this._signIn}>${w.signIn}</button>`}
      </div>
    `;
  }

  private _renderDesk(board: Board, detail: HallDetail, win: Window): TemplateResult {
    const w = this.words.counter;
    const enabled = this._enabled(win);
    return html`
      ${this._renderNote()}
      <div class="layout">
        <div>
          <section class="panel current" aria-label=${w.current}>
            <h2>${w.current}</h2>
            ${win.ticket ? this._renderTicket(win.ticket, detail) : html`<div class="empty">${w.noTicket}</div>`}
            ${win.ticket
              ? html`${keyed(
                    win.ticket.id,
                    // Per ticket: a case number typed for one citizen never goes with the next one's completion.
                    html`<form class="call-number case-number" @submit=${this._onCaseNumber}>
                      <label>${w.caseNumberLabel}<input name="caseNumber" ?disabled=${!enabled.complete} placeholder=${w.caseNumberPlaceholder} autocomplete="off" maxlength="64" /></label>
                    </form>`,
                  )}
                  <form class="call-number park" @submit=${this._onPark}>
                    <label>${w.parkLabel}<input name="reason" ?disabled=${this._busy} placeholder=${w.parkPlaceholder} autocomplete="off" maxlength="100" /></label>
                    <button type="submit" ?disabled=${this._busy}>${w.parkButton}</button>
                    <button type="button" class="assistance" ?disabled=${this._busy || win.ticket.assistance !== null} @click=${() => this._askAssistance(win.ticket!)}>
                      ${w.assistanceButton}
                    </button>
                  </form>`
              : ''}
            <form class="call-number" @submit=${this._onCallNumber}>
              <label>${w.callNumber}<input name="number" ?disabled=${!enabled.callNext} aria-label=${w.numberLabel} placeholder=${w.numberPlaceholder} autocomplete="off" maxlength="12" /></label>
              <button type="submit" ?disabled=${!enabled.callNext}>${w.callNumberButton}</button>
            </form>
          </section>
          ${win.parked.length > 0
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
            : ''}
          ${this._missed.length > 0
            ? html`<section class="panel missed" aria-label=${w.missedTitle}>
                <h2>${w.missedTitle}</h2>
                <ul>
                  ${this._missed.map(
                    (t) => html`<li data-number=${t.number}>
                      <span class="missed-number">${t.number}</span>
                      <button ?disabled=${this._busy} @click=${() => this._requeue(t)}>${w.requeueButton}</button>
                    </li>`,
                  )}
                </ul>
              </section>`
            : ''}
          <section class="panel waiting" aria-label=${w.waitingTitle} style="margin-top: 1.2rem">
            <h2>${w.waitingTitle}</h2>
            <ul>
              ${win.areaIds.map((id) => {
                const area = board.areas.find((a) => a.id === id);
                if (!area) return '';
                // The snapshot's longest wait keeps growing between snapshots.
                const longest = area.waiting > 0 ? area.longestWaitSeconds + secondsSince(board.now, this.hall.now()) : 0;
                return html`<li data-area=${id}>
                  <span>${area.prefix} ${area.name}</span>
                  <span class="count">${area.waiting > 0 ? fill(w.waitingCount, { n: area.waiting }) : w.nobody}</span>
                  <span class="longest">${area.waiting > 0 ? fill(w.longestWait, { t: formatDuration(longest, this.words) }) : ''}</span>
                </li>`;
              })}
            </ul>
          </section>
        </div>
        <section class="actions" aria-label=${w.title}>
          ${ACTIONS.map(
            ({ id, key }) => html`<button
              class="action ${id === 'callNext' ? 'primary' : ''}"
              data-action=${id}
              aria-keyshortcuts=${key}
              title=${fill(w.shortcut, { key })}
              ?disabled=${!enabled[id]}
              @click=${() => this._run(id)}
            >
              <span>${w.actions[id]}</span><kbd>${key}</kbd>
            </button>`,
          )}
        </section>
      </div>
    `;
  }

  private _renderTicket(t: Ticket, detail: HallDetail): TemplateResult {
    const w = this.words.counter;
    const area = detail.areas.find((a) => a.id === t.areaId);
    const service = t.serviceId ? area?.services.find((s) => s.id === t.serviceId) ?? detail.areas.flatMap((a) => a.services).find((s) => s.id === t.serviceId) : undefined;
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
        <dt>${w.waited}</dt>
        <dd class="waited">${formatDuration(waited, this.words)}</dd>
        ${t.status === 'serving' && t.startedAt
          ? html`<dt>${w.serviceTime}</dt>
              <dd class="service-time">${formatDuration(secondsSince(t.startedAt, this.hall.now()), this.words)}</dd>`
          : ''}
        ${t.recalls > 0 ? html`<dt>${w.status}</dt><dd class="recalls">${fill(w.recalls, { n: t.recalls })}</dd>` : ''}
        ${t.assistance
          ? html`<dt>${w.assistanceLabel}</dt>
              <dd class="assistance-state">${t.assistance.assignedTo ? fill(w.assistanceAssigned, { staff: t.assistance.assignedTo }) : w.assistanceWaiting}</dd>`
          : ''}
        ${t.journey
          ? html`<dt>${w.journey}</dt>
              <dd class="journey" data-journey-step=${t.journey.step}>
                ${t.journey.name} · <strong>${journeyStepText(t.journey, this.words.common)}</strong> ·
                ${journeyNextText(t.journey, this.words.common, (id) => detail.areas.find((a) => a.id === id)?.name ?? id)}
              </dd>`
          : ''}
      </dl>
    `;
  }

  private _renderNote(): TemplateResult {
    const n = this._note;
    if (n?.kind === 'error') return html`<p class="note error" role="alert">${n.text}</p>`;
    return html`<p class="note ${n ? 'ok' : ''}" role="status">${n?.text ?? ''}</p>`;
  }

  /** What the window's state allows, by the table the server decides with; nothing while an action is on its way. */
  private _enabled(win: Window): Record<WindowAction, boolean> {
    const allowed = allowedWindowActions(win);
    return this._busy ? (Object.fromEntries(Object.keys(allowed).map((a) => [a, false])) as Record<WindowAction, boolean>) : allowed;
  }

  private readonly _onKey = (e: KeyboardEvent): void => {
    const action = ACTIONS.find((a) => a.key === e.key);
    if (!action) return;
    // F5 would reload and F1 open help: the keys belong to the terminal.
    e.preventDefault();
    // A held key repeats; a dialog on screen is answered first.
    if (e.repeat || this._transferDialog?.isOpen || this._pauseDialog?.isOpen) return;
    const win = this._currentWindow();
    if (win && this._enabled(win)[action.id]) this._run(action.id);
  };

  private _currentWindow(): Window | undefined {
    return this._windowId ? this.hall.board?.windows.find((x) => x.id === this._windowId) : undefined;
  }

  private _run(id: WindowAction): void {
    if (id === 'transfer') return this._transferDialog.open();
    if (id === 'pause') return this._pauseDialog.open();
    const caseNumber = id === 'complete' ? this._caseNumberInput?.value.trim() : '';
    void this._post(PATHS[id], caseNumber ? { caseNumber } : {}, (body) => {
      // A journey's step moves on (the step note says where); the last step or a single visit ends here.
      if (caseNumber && body.ticket?.status !== 'waiting') return fill(this.words.counter.completedWithCase, { number: body.ticket?.number ?? '', caseNumber });
      if (id === 'noShow' && body.ticket) this._missed = [body.ticket, ...this._missed.filter((t) => t.id !== body.ticket!.id)].slice(0, MISSED_KEPT);
      return this._okText(id, body);
    });
  }

  /** 过号重排: the missed citizen came back; the ticket re-joins its queue with its number. */
  private async _requeue(t: Ticket): Promise<void> {
    if (this._busy || !this.hallId) return;
    this._busy = true;
    try {
      const { ticket } = await this.session.api.post<{ ticket: Ticket }>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(t.id)}/requeue`, {});
      this._note = { kind: 'ok', text: fill(this.words.counter.requeued, { number: ticket.number, n: ticket.ahead ?? 0 }) };
      this._missed = this._missed.filter((x) => x.id !== t.id);
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
      if (ok) input.value = '';
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

  private _onPark(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('reason') as HTMLInputElement;
    const reason = input.value.trim();
    const number = this._currentWindow()?.ticket?.number ?? '';
    void this._post('park', reason ? { reason } : {}, () => fill(this.words.counter.parkedDone, { number })).then((ok) => {
      if (ok) input.value = '';
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
