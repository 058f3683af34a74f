/**
 * The ticket machine (取号机, `/kiosk?hall=yuxi`), portrait 1080×1920 touch: the hall's areas as
 * big buttons with how many wait at each, a search over every service item (Chinese or pinyin), the
 * 绿色通道 for elderly, disabled and pregnant citizens, 需要帮办 (the ticket asks for a helper),
 * appointment check-in on a keypad (or by laying the ID card it was booked with), 实名取号 for areas
 * that ask for it (an ID card reader or QR scanner typing into the page, the reader's local service
 * at `&reader=http://127.0.0.1:…`, or the number typed; docs/identity.md), and the
 * ticket on screen after it is taken — with what happened at the printer. Back to the start after
 * 30 s without a touch. Signs in once as the kiosk device (e.g. `kiosk01`).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages } from '../../server/i18n';
import type { HallDetail } from '../../server/protocol';
import { ApiFailure } from '../../displays/shared/api';
import { hallDateParts, offsetMinutesOf } from '../../displays/shared/hall-time';
import { nextOpening } from '../../server/domain/schedule';
import type { Ticket } from '../../server/protocol';
import { baseStyles } from '../../displays/shared/page-styles';
import { SignedInGate } from '../../displays/shared/page-gate';
import { Ticker } from '../../displays/shared/ticker';
import { pageLocale } from '../../displays/shared/words';
import { IdleController } from './idle-controller';
import { kioskStyles } from './kiosk-styles';
import './qms-kiosk-keypad';
import './qms-kiosk-search';
import type { KioskChoice } from './qms-kiosk-search';
import './qms-kiosk-ticket';
import type { KioskIssue } from './qms-kiosk-ticket';
import { searchIndex, type SearchEntry } from '../../displays/shared/service-search';
import { kioskPageStyles } from './qms-kiosk-styles';
import { journeyNextText, journeyStepText } from '../../displays/shared/journey-words';
import { areaStaffing, type AreaStaffing } from '../../server/domain/open-windows';
import { loopbackReaderUrl } from '../../server/domain/card-reader';
import { queryParam } from '../../displays/shared/session';
import { CardReaderPoller } from './card-reader-poller';

const IDLE_SECONDS = 30;

type Screen = 'home' | 'search' | 'appointment' | 'requeue' | 'ticket' | 'confirm' | 'identity';

type IdentityGiven = { text: string; via: 'card' | 'qr' | 'typed' | 'reader'; name?: string };
type IssueBody = { areaId?: string; serviceId?: string; appointmentCode?: string; journeyId?: string; identity?: IdentityGiven };

/** What the appointment keypad got is an ID (a card read, a 社保卡 QR) rather than a 6-digit code. */
function isIdentityText(text: string): boolean {
  const t = text.trim();
  return t.length >= 15 || t.startsWith('{') || /^ESSC\|/i.test(t);
}

/** What the citizen gave for 过号重排: a scanned ticket link carries the credential as its last part; anything else is a typed number. */
function requeueKey(scannedOrTyped: string): string {
  const text = scannedOrTyped.trim();
  return text.includes('/') ? decodeURIComponent(text.split('/').filter(Boolean).at(-1) ?? '') : text;
}

@customElement('qms-kiosk')
export class QmsKiosk extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskPageStyles];

  private readonly locale = pageLocale();
  private readonly words = messages(this.locale).kiosk;
  private readonly common = messages(this.locale).screens.common;
  private readonly gate = new SignedInGate(this, { page: 'kiosk', heading: this.words.loginHeading });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;
  private readonly idle = new IdleController(this, {
    seconds: IDLE_SECONDS,
    away: () => this._screen !== 'home' || this._green || this._assistance || this._error !== '' || this._requeued !== null,
    onIdle: () => this._home(),
  });

  @state() private _screen: Screen = 'home';
  @state() private _detail: HallDetail | null = null;
  @state() private _index: SearchEntry[] = [];
  @state() private _green = false;
  /** 需要帮办: the next ticket taken asks for a helper (the managers see it at once). */
  @state() private _assistance = false;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _appointmentError = '';
  @state() private _issued: KioskIssue | null = null;
  /** The ticket just put back in the queue (过号重排), said on the start screen. */
  @state() private _requeued: Ticket | null = null;
  @state() private _requeueError = '';
  /** Search opens on the keyboard or on browsing by area (按类别查找). */
  @state() private _searchMode: 'type' | 'browse' = 'type';
  /** A ticket for an area nobody calls now, waiting for the citizen's 仍然取号. */
  @state() private _confirm: { body: IssueBody; areaId: string; staffing: AreaStaffing } | null = null;
  /** 实名取号: the ticket asked for, waiting for the citizen's card, QR code or number. */
  @state() private _pendingIdentity: { body: IssueBody; areaId: string; optional: boolean } | null = null;
  @state() private _identityError = '';
  private _detailFor = '';
  /** The ID card reader's local service on this PC, polled while the page waits for a card. */
  private readonly reader = new CardReaderPoller(this, loopbackReaderUrl(queryParam('reader')), (card) => this._cardRead(card));

  constructor() {
    super();
    new Ticker(this, 1000);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.title;
  }

  override willUpdate(): void {
    // The hall's catalogue, once per signed-in session.
    const token = this.session.token;
    if (token && this.hallId && this._detailFor !== token) {
      this._detailFor = token;
      void this._loadDetail();
    }
  }

  private async _loadDetail(): Promise<void> {
    try {
      const detail = await this.session.api.get<HallDetail>(`/api/v1/halls/${encodeURIComponent(this.hallId!)}`);
      this._detail = detail;
      this._index = searchIndex(detail.areas);
    } catch (err) {
      // A refresh that fails keeps the catalogue the kiosk has.
      if (this._detail) return;
      this._detailFor = '';
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  override render() {
    return this.gate.render(
      () => html`<div class="page">
        ${this._header()}
        <main>${this._detail ? this._body(this._detail) : html`<div class="busy">${this._error || this.common.loading}</div>`}</main>
      </div>`,
    );
  }

  private _header() {
    const board = this.hall.board;
    const clock = board ? hallDateParts(this.hall.now(), offsetMinutesOf(board.now), this.locale) : null;
    return html`<header>
      <div class="hall-name">${this._detail?.name ?? board?.hallName ?? ''}</div>
      ${clock ? html`<div class="clock"><div class="time">${clock.time.slice(0, 5)}</div>${clock.date} ${clock.weekday}</div>` : nothing}
    </header>`;
  }

  private _body(detail: HallDetail) {
    const w = this.words;
    if (this._busy && this._screen === 'home') return html`<div class="busy" role="status">${w.issuing}</div>`;
    switch (this._screen) {
      case 'search':
        return html`<qms-kiosk-search
          class="screen"
          .index=${this._index}
          .words=${w}
          .mode=${this._searchMode}
          .staffing=${this._staffing}
          ?busy=${this._busy}
          @qms-kiosk-choose=${(e: CustomEvent<KioskChoice>) => this._ask({ areaId: e.detail.areaId, serviceId: e.detail.serviceId ?? undefined }, e.detail.areaId)}
          @qms-kiosk-back=${this._home}
        ></qms-kiosk-search>`;
      case 'appointment':
        return html`<qms-kiosk-keypad
          class="screen"
          .words=${w}
          .error=${this._appointmentError}
          note=${w.appointmentByCard}
          ?busy=${this._busy}
          @qms-kiosk-code=${(e: CustomEvent<{ code: string; keyed: boolean }>) => this._checkIn(e.detail.code, e.detail.keyed)}
          @qms-kiosk-back=${this._home}
        ></qms-kiosk-keypad>`;
      case 'requeue':
        return html`<qms-kiosk-keypad
          class="screen"
          .words=${w}
          heading=${w.requeueTitle}
          prompt=${w.requeuePrompt(detail.policy.requeueWithinMinutes, detail.policy.requeueBehind)}
          .letters=${detail.areas.map((a) => a.prefix)}
          .error=${this._requeueError}
          ?busy=${this._busy}
          @qms-kiosk-code=${(e: CustomEvent<{ code: string }>) => this._requeue(e.detail.code)}
          @qms-kiosk-back=${this._home}
        ></qms-kiosk-keypad>`;
      case 'identity':
        return this._identityScreen(detail);
      case 'ticket':
        return this._ticket(detail);
      case 'confirm':
        return this._confirmScreen(detail);
      case 'home':
        return this._start(detail);
    }
  }

  private _start(detail: HallDetail) {
    const w = this.words;
    const waiting = new Map(this.hall.board?.areas.map((a) => [a.id, a.waiting]) ?? []);
    const closed = this.hall.board?.session.kind === 'closed';
    // One short banner for what was chosen: the area buttons must keep their room on the portrait screen.
    const chosen = this._green && this._assistance ? w.greenAndAssistanceOn : this._green ? w.greenChannelOn : this._assistance ? w.assistanceOn : '';
    return html`
      <h1>${w.chooseArea}</h1>
      ${
        closed
          ? html`<div class="closed" role="status"><span class="big">${w.closedTitle}</span><span class="small">${this._opensNext(detail)}</span></div>`
          : chosen
            ? html`<div class="green-on ${this._green ? '' : 'assistance-on'}" role="status">${chosen}</div>`
            : html`<div class="hint">${w.chooseAreaHint}</div>`
      }
      ${this._requeued ? html`<div class="done" role="status">${this._requeued.number} ${w.requeueDone}${w.listSeparator}${w.ahead(this._requeued.ahead ?? 0)}</div>` : nothing}
      <div class="finders">
        <button class="search" @click=${() => this._openSearch('type')}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="2.5" /><path d="M15.5 15.5 22 22" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" /></svg>
          ${w.searchButton}
        </button>
        <button class="browse" @click=${() => this._openSearch('browse')}>
          <span class="big">${w.browse}</span><span class="small">${w.browseNote}</span>
        </button>
      </div>
      ${this._error ? html`<div class="alert" role="alert">${this._error}</div>` : nothing}
      <div class="areas ${this._green ? 'green' : ''}">
        ${detail.areas.map((a) => {
          const staffing = this._staffing(a.id).kind;
          return html`<button
            class="area"
            data-area=${a.id}
            data-staffing=${staffing}
            ?disabled=${this._busy || closed || staffing === 'unserved'}
            @click=${() => this._ask({ areaId: a.id }, a.id)}
          >
            <span class="prefix" aria-hidden="true">${a.prefix}</span>
            <span class="name">${a.name}</span>
            <span class="waiting"
              >${waiting.has(a.id) ? w.waiting(waiting.get(a.id)!) : '\u00a0'}${
                staffing === 'open' || closed ? nothing : html`<span class="staffing">${w.staffing[staffing]}</span>`
              }</span
            >
          </button>`;
        })}
      </div>
      ${this._journeys(detail, closed)}
      <div class="choices">
        <button class="choice green" aria-pressed=${this._green ? 'true' : 'false'} @click=${this._toggleGreen}>
          <span class="big">${this._green ? w.greenChannelOff : w.greenChannel}</span>
          <span class="small">${w.greenChannelNote}</span>
        </button>
        <button class="choice assistance" aria-pressed=${this._assistance ? 'true' : 'false'} @click=${this._toggleAssistance}>
          <span class="big">${this._assistance ? w.assistanceOff : w.assistance}</span>
          <span class="small">${w.assistanceNote}</span>
        </button>
        <button class="choice" @click=${this._openAppointment}>
          <span class="big">${w.appointment}</span>
          <span class="small">${w.appointmentNote}</span>
        </button>
        <button class="choice" @click=${this._openRequeue}>
          <span class="big">${w.requeue}</span>
          <span class="small">${w.requeueNote(detail.policy.requeueWithinMinutes)}</span>
        </button>
      </div>
    `;
  }

  /** Whether anyone calls `areaId` now, from the live board's windows (not known yet: as open, the server decides). */
  private _staffing = (areaId: string): AreaStaffing => {
    const board = this.hall.board;
    return board ? areaStaffing(board.windows, areaId) : { kind: 'open', windows: 0 };
  };

  /**
   * A ticket asked for: at once where a window serves the area now; where none is open (not
   * staffed yet, or paused), the citizen is told first and takes it only on 仍然取号 — a hall
   * does not hand out a number nobody is calling without saying so. No window serving the area
   * at all: no ticket (its buttons are disabled).
   */
  private _ask(body: IssueBody, areaId: string): void {
    const staffing = this._staffing(areaId);
    if (staffing.kind === 'unserved') return;
    if (staffing.kind === 'open') {
      this._take(body, areaId);
      return;
    }
    this._error = '';
    this._confirm = { body, areaId, staffing };
    this._screen = 'confirm';
    this.idle.restart();
  }

  private _confirmScreen(detail: HallDetail) {
    const w = this.words;
    const c = this._confirm!;
    const area = detail.areas.find((a) => a.id === c.areaId);
    const name = area?.name ?? c.areaId;
    const waiting = this.hall.board?.areas.find((a) => a.id === c.areaId)?.waiting;
    // The live board may have changed since: a window opened meanwhile makes it an ordinary ticket.
    const now = this._staffing(c.areaId);
    const paused = now.kind === 'paused';
    return html`<section class="confirm screen" data-staffing=${now.kind}>
      <div class="confirm-card" role="alert">
        <span class="prefix" aria-hidden="true">${area?.prefix ?? ''}</span>
        <h1>${paused ? w.pausedTitle(name) : now.kind === 'open' ? name : w.noWindowTitle(name)}</h1>
        ${now.kind === 'open' ? nothing : html`<p class="why">${paused ? w.pausedBody(now.reasons.join(w.listSeparator)) : w.noWindowBody}</p>`}
        ${waiting !== undefined ? html`<p class="queue">${w.waiting(waiting)}</p>` : nothing}
        <p class="ask">${w.askGuide}</p>
      </div>
      <div class="confirm-actions">
        <button class="primary take" ?disabled=${this._busy || now.kind === 'unserved'} @click=${() => this._take(c.body, c.areaId)}>
          ${now.kind === 'open' ? w.confirm : w.takeAnyway}
        </button>
        <button class="back" @click=${this._cancelConfirm}>${w.back}</button>
      </div>
    </section>`;
  }

  /** The ticket asked for, or first the citizen's ID where the area asks for it (实名取号). */
  private _take(body: IssueBody, areaId: string): void {
    const mode = this._detail?.areas.find((a) => a.id === areaId)?.identity ?? 'off';
    if (mode === 'off') {
      void this._issue(body);
      return;
    }
    this._error = '';
    this._identityError = '';
    this._confirm = null;
    this._pendingIdentity = { body, areaId, optional: mode === 'optional' };
    this._screen = 'identity';
    this.idle.restart();
  }

  private _identityScreen(detail: HallDetail) {
    const w = this.words;
    const p = this._pendingIdentity!;
    const area = detail.areas.find((a) => a.id === p.areaId);
    return html`<qms-kiosk-keypad
      class="screen identity"
      .words=${w}
      heading=${`${w.identityTitle} · ${area?.name ?? p.areaId}`}
      prompt=${w.identityPrompt}
      .letters=${['X']}
      .maxDigits=${18}
      secret
      note=${`${w.identityPrivacyTitle}：${w.identityPrivacy(detail.policy.identityPerDay, detail.policy.identityKeepName)}`}
      skipLabel=${p.optional ? w.identitySkip : ''}
      .error=${this._identityError}
      ?busy=${this._busy}
      @qms-kiosk-code=${(e: CustomEvent<{ code: string; keyed: boolean }>) => void this._withIdentity({ text: e.detail.code, via: e.detail.keyed ? 'card' : 'typed' })}
      @qms-kiosk-skip=${() => void this._issue(p.body)}
      @qms-kiosk-back=${this._home}
    ></qms-kiosk-keypad>`;
  }

  private async _withIdentity(identity: IdentityGiven): Promise<void> {
    const p = this._pendingIdentity;
    if (!p) return;
    this._identityError = '';
    await this._issue({ ...p.body, identity });
  }

  /** A card on the reader (its local service): the identity asked for, or a check-in by card. */
  private _cardRead(card: { idNumber: string; name: string | null }): void {
    if (this._busy) return;
    const identity: IdentityGiven = { text: card.idNumber, via: 'reader', ...(card.name ? { name: card.name } : {}) };
    if (this._screen === 'identity') void this._withIdentity(identity);
    else if (this._screen === 'appointment') {
      this._appointmentError = '';
      void this._issue({ identity });
    }
  }

  override updated(): void {
    // The reader is asked only while a card is what the page waits for.
    this.reader.set(this._screen === 'identity' || this._screen === 'appointment');
  }

  private _cancelConfirm = () => {
    this._confirm = null;
    this._screen = 'home';
  };

  /** 一件事一次办: the hall's bundles, each with its route (公安事务 → 医保社保综合服务 → 税务事项专办). */
  private _journeys(detail: HallDetail, closed: boolean) {
    if (detail.journeys.length === 0) return nothing;
    const w = this.words;
    const areaName = (id: string) => detail.areas.find((a) => a.id === id)?.name ?? id;
    return html`<section class="journeys" aria-label=${w.journeys}>
      <div class="title"><h2>${w.journeys}</h2><span class="hint">${w.journeysHint}</span></div>
      <div class="journey-list">
        ${detail.journeys.map(
          (j) => html`<button
            class="journey"
            data-journey=${j.id}
            ?disabled=${this._busy || closed || (j.steps[0] !== undefined && this._staffing(j.steps[0].areaId).kind === 'unserved')}
            @click=${() => this._ask({ journeyId: j.id }, j.steps[0]?.areaId ?? '')}
          >
            <span class="big">${j.name}</span>
            <span class="small">${j.steps.map((s) => areaName(s.areaId)).join(' → ')}</span>
          </button>`,
        )}
      </div>
    </section>`;
  }

  private _ticket(detail: HallDetail) {
    const issued = this._issued!;
    const area = detail.areas.find((a) => a.id === issued.ticket.areaId);
    const service = area?.services.find((s) => s.id === issued.ticket.serviceId);
    const priorities = messages(this.locale).priorities;
    return html`<qms-kiosk-ticket
      class="screen"
      .issued=${issued}
      .words=${this.words}
      .areaName=${area?.name ?? ''}
      .serviceName=${service?.name ?? ''}
      .priorityLabel=${issued.ticket.priority === 'normal' ? '' : priorities[issued.ticket.priority]}
      .journeyLine=${this._journeyLine(detail, issued.ticket)}
      .remaining=${this.idle.remaining}
      ?busy=${this._busy}
      @qms-kiosk-back=${this._home}
      @qms-kiosk-reprint=${this._reprint}
    ></qms-kiosk-ticket>`;
  }

  private async _issue(body: IssueBody): Promise<boolean> {
    if (this._busy) return false;
    this._busy = true;
    this._error = '';
    try {
      const green = body.appointmentCode === undefined && this._green ? { priority: 'priority' } : {};
      const payload = { ...body, ...green, ...(this._assistance ? { assistance: true } : {}) };
      this._issued = await this.session.api.post<KioskIssue>(`/api/v1/halls/${encodeURIComponent(this.hallId!)}/tickets`, payload);
      this._green = false;
      this._assistance = false;
      this._confirm = null;
      this._pendingIdentity = null;
      this._screen = 'ticket';
      this.idle.restart();
      void this.hall.refresh();
      return true;
    } catch (err) {
      const words = err instanceof ApiFailure ? err.display : String(err);
      const checkIn =
        body.appointmentCode !== undefined ||
        (body.identity !== undefined && body.areaId === undefined && body.serviceId === undefined && body.journeyId === undefined);
      if (checkIn) this._appointmentError = words;
      else if (body.identity !== undefined || this._screen === 'identity') this._identityError = words;
      else {
        this._error = words;
        this._screen = 'home';
      }
      return false;
    } finally {
      this._busy = false;
    }
  }

  /** 新生儿出生一件事 · 第1步/共3步 · 下一步：医保社保综合服务; empty for one service. */
  private _journeyLine(detail: HallDetail, ticket: Ticket): string {
    const j = ticket.journey;
    if (!j) return '';
    const areaName = (id: string) => detail.areas.find((a) => a.id === id)?.name ?? id;
    return [j.name, journeyStepText(j, this.common), journeyNextText(j, this.common, areaName)].join(' · ');
  }

  /** Prints the ticket on screen again (the printer failed the first time). */
  private async _reprint(): Promise<void> {
    const issued = this._issued;
    if (!issued || this._busy) return;
    this._busy = true;
    try {
      const res = await this.session.api.post<Pick<KioskIssue, 'ticket' | 'print'>>(
        `/api/v1/halls/${encodeURIComponent(this.hallId!)}/tickets/${encodeURIComponent(issued.ticket.id)}/print`,
      );
      if (this._issued === issued) this._issued = { ...issued, print: res.print };
    } catch (err) {
      if (this._issued === issued) this._issued = { ...issued, print: { status: 'failed', error: err instanceof ApiFailure ? err.code : 'printer_error' } };
    } finally {
      this._busy = false;
    }
  }

  /** When the closed hall opens next, in words: 今日 19:00 夜市开始 / 明天 09:00 开始办公. */
  private _opensNext(detail: HallDetail): string {
    const w = this.words;
    const next = nextOpening(detail.schedule, this.hall.now(), detail.timezone);
    if (!next) return w.opensUnknown;
    const t = messages(this.locale);
    const time = next.session.start;
    if (next.daysAhead === 0) return w.opensToday(time, next.session.kind === 'regular' ? t.sessions.regular : t.sessions[next.session.kind]);
    if (next.daysAhead === 1) return w.opensTomorrow(time);
    const [, month, day] = next.date.split('-').map(Number);
    const weekday = t.weekdays[new Date(`${next.date}T12:00:00Z`).getUTCDay()]!;
    return w.opensOn(month!, day!, weekday, time);
  }

  private async _requeue(code: string): Promise<void> {
    if (this._busy) return;
    const key = requeueKey(code);
    this._busy = true;
    this._requeueError = '';
    try {
      const { ticket } = await this.session.api.post<{ ticket: Ticket }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId!)}/tickets/${encodeURIComponent(key)}/requeue`,
      );
      this._screen = 'home';
      this._requeued = ticket;
      this.idle.restart();
      void this.hall.refresh();
    } catch (err) {
      this._requeueError = err instanceof ApiFailure ? err.display : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _openRequeue() {
    this._error = '';
    this._requeueError = '';
    this._requeued = null;
    this._screen = 'requeue';
    this.idle.restart();
  }

  /** A 6-digit code, or (刷证签到) the ID card or 社保卡 QR the appointment was booked with. */
  private _checkIn(code: string, keyed: boolean) {
    this._appointmentError = '';
    if (isIdentityText(code)) void this._issue({ identity: { text: code.trim(), via: keyed ? 'card' : 'typed' } });
    else void this._issue({ appointmentCode: code });
  }

  private _home = () => {
    this._screen = 'home';
    this._issued = null;
    this._green = false;
    this._assistance = false;
    this._error = '';
    this._appointmentError = '';
    this._requeued = null;
    this._requeueError = '';
    this._confirm = null;
    this._pendingIdentity = null;
    this._identityError = '';
  };

  private _openSearch(mode: 'type' | 'browse') {
    this._error = '';
    this._searchMode = mode;
    this._screen = 'search';
    // The catalogue changes while the kiosk runs (imports, items disabled): search what it is now.
    void this._loadDetail();
    this.idle.restart();
  }

  private _openAppointment() {
    this._error = '';
    this._appointmentError = '';
    this._screen = 'appointment';
    this.idle.restart();
  }

  private _toggleGreen() {
    this._green = !this._green;
  }

  private _toggleAssistance() {
    this._assistance = !this._assistance;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-kiosk': QmsKiosk;
  }
}
