/**
 * The citizen's phone page for one ticket (`/ticket/<hall>/<credential>`, the QR on the paper ticket): the
 * number, area and status, how many wait ahead and about how long, live without reloading. When the
 * ticket is called, "请到 12 号窗口" is the biggest thing on the page, and the phone vibrates and
 * notifies where the citizen allowed it (asked on a tap, never on load). Done, missed, moved on to
 * another area and closed at the end of the day are each explained. 中文/English switch.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { localTime } from '../../server/domain/time';
import { REQUEUE_DEFAULTS } from '../../server/domain/requeue';
import { LONG_WAIT_MINUTES, nextQuieterTime } from '../../server/domain/best-time';
import type { BestTime, HallDetail, PublicTicket } from '../../server/protocol';
import { Api } from '../shared/api';
import { call } from '../shared/api-routes';
import { fill, fillParts, pageLocale } from '../shared/words';
import { journeyNextText, journeyStepText } from '../shared/journey-words';
import { dateLabel } from '../booking/date-words';
import { phoneStyles } from '../booking/phone-styles';
import { applyLocale } from '../booking/qms-lang-switch';
import { alertCall, enableAlerts, type AlertsState } from './call-alert';
import { TicketFollower } from './ticket-follower';
import './qms-sms-opt-in';
import { ticketPageStyles } from './qms-ticket-page-styles';

/** `/ticket/yuxi/<credential>` → its hall and the ticket's credential (the QR code's secret). */
function ticketPath(): { hallId: string; credential: string } | null {
  const m = /^\/ticket\/([^/]+)\/([^/]+)\/?$/.exec(location.pathname);
  return m ? { hallId: decodeURIComponent(m[1]!), credential: decodeURIComponent(m[2]!) } : null;
}

@customElement('qms-ticket-page')
export class QmsTicketPage extends LitElement {
  static override styles = [phoneStyles, ticketPageStyles];

  @state() private _locale: Locale = pageLocale();
  @state() private _hall: HallDetail | null = null;
  @state() private _alerts: AlertsState | null = null;
  /** The area's expected waits today (`GET …/best-time`), read when the wait is long. */
  @state() private _bestTime: { areaId: string; readAt: number; answer: BestTime | null } | null = null;

  private readonly where = ticketPath();
  private readonly follower = this.where
    ? new TicketFollower(this, { ...this.where, locale: () => this._locale, onCall: (recalled) => this._onCall(recalled) })
    : null;

  override connectedCallback(): void {
    super.connectedCallback();
    applyLocale(this._locale);
    if (this.where) void this._loadHall(this.where.hallId);
  }

  override willUpdate(): void {
    const w = messages(this._locale).calendar.ticket;
    const t = this.follower?.ticket;
    // The tab title says the call too: a phone often shows the title, not the page.
    if (t?.status === 'waiting' && (t.estimatedWaitMinutes ?? 0) >= LONG_WAIT_MINUTES) this._readBestTime(t.areaId);
    document.title =
      t?.status === 'called' ? `${fill(w.notifyTitle, { window: this._windowNumber(t) })} · ${t.number}` : t ? `${t.number} · ${w.title}` : w.title;
  }

  override render() {
    const t = messages(this._locale).calendar;
    const f = this.follower;
    return html`
      <header class="bar">
        <h1 class="hall">${this._hall?.name ?? ''}<span class="page-title">${t.ticket.title}</span></h1>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
      </header>
      ${f?.offline ? html`<div class="offline" role="alert">${t.ticket.offline}</div>` : nothing}
      <main>${this._renderMain()}</main>
    `;
  }

  private _renderMain() {
    const t = messages(this._locale).calendar;
    const w = t.ticket;
    const f = this.follower;
    if (!f) return html`<p class="message error" role="alert">${w.notFound}</p>`;
    if (f.gone) {
      return html`<section class="outcome gone" role="status"><h2>${w.notFound}</h2><p>${w.notFoundHint}</p></section>`;
    }
    const ticket = f.ticket;
    if (!ticket) {
      return f.error
        ? html`<p class="error" role="alert">${f.error}</p><button type="button" class="primary" @click=${() => void f.read()}>${t.common.retry}</button>`
        : html`<p class="message">${t.common.loading}</p>`;
    }
    if (ticket.ended) return this._renderEnded(ticket, ticket.ended);
    return html`
      ${ticket.status === 'called' ? this._renderCall(ticket) : nothing}
      <section class="card ticket" data-status=${ticket.status}>
        <span class="number-label">${w.yourNumber}</span>
        <span class="number" data-number=${ticket.number}>${ticket.number}</span>
        <dl>
          <dt>${w.area}</dt>
          <dd class="area">${this._areaName(ticket.areaId)}</dd>
          <dt>${w.status}</dt>
          <dd><span class="status" data-status=${ticket.status}>${messages(this._locale).ticketStatus[ticket.status]}</span></dd>
        </dl>
      </section>
      ${ticket.journey ? this._renderJourney(ticket.journey) : nothing}
      ${this._renderProgress(ticket)}
      ${f.error ? html`<p class="error" role="alert">${f.error}</p>` : nothing}
      ${ticket.status === 'waiting' ? this._renderAlerts() : nothing}
      ${
        ticket.status === 'waiting' && this.where
          ? html`<qms-sms-opt-in .hallId=${this.where.hallId} .credential=${this.where.credential} .locale=${this._locale} .socketId=${() => f.socketId}></qms-sms-opt-in>`
          : nothing
      }
      ${f.readAt && this._hall ? html`<p class="updated">${fill(w.updatedAt, { time: localTime(f.readAt, this._hall.timezone).time })}</p>` : nothing}
    `;
  }

  private _renderCall(ticket: PublicTicket) {
    const w = messages(this._locale).calendar.ticket;
    const n = this._windowNumber(ticket);
    return html`<section class="call" role="alert" aria-live="assertive">
      <p class="lead">${w.callLead}</p>
      <p class="go">${fillParts(w.callTo, { window: n }).map((p) => (p.name ? html`<span class="window" data-window=${n}>${p.text}</span>` : p.text))}</p>
      <p class="line">${fill(w.callLine, { number: ticket.number, window: n })}</p>
      ${ticket.recalls > 0 ? html`<p class="again">${w.recalled}</p>` : nothing}
    </section>`;
  }

  private _renderProgress(ticket: PublicTicket) {
    const w = messages(this._locale).calendar.ticket;
    switch (ticket.status) {
      case 'waiting': {
        // A journey's next step is not a transfer to explain: its card says where the citizen is.
        const moved =
          ticket.transferredFrom && (!ticket.journey || ticket.journey.steps[ticket.journey.step - 1]?.areaId !== ticket.areaId)
            ? html`<section class="outcome transferred"><h2>${fill(w.transferred, { area: this._areaName(ticket.areaId) })}</h2><p>${w.transferredHint}</p></section>`
            : nothing;
        return html`${moved}
          ${
            ticket.ahead === 0
              ? html`<p class="next" role="status">${w.next}</p>`
              : html`<div class="figures">
                <div class="figure ahead">
                  <span class="k">${w.ahead}</span>
                  <span class="v" data-ahead=${ticket.ahead ?? ''}>${ticket.ahead === null ? '—' : fill(w.aheadCount, { n: ticket.ahead })}</span>
                </div>
                <div class="figure wait">
                  <span class="k">${w.estimatedWait}</span>
                  <span class="v ${ticket.estimatedWaitMinutes === null ? 'small' : ''}"
                    >${ticket.estimatedWaitMinutes === null ? w.noEstimate : fill(w.estimatedMinutes, { m: ticket.estimatedWaitMinutes })}</span
                  >
                </div>
              </div>`
          }
          ${this._renderQuieter(ticket)}
          <p class="muted">${w.waitingHint}</p>`;
      }
      case 'called':
        return nothing;
      case 'serving':
        return html`<section class="outcome serving"><h2>${fill(w.serving, { window: this._windowNumber(ticket) })}</h2><p>${w.servingHint}</p></section>`;
      case 'done':
        return html`<section class="outcome done"><h2>${w.done}</h2><p>${w.doneHint}</p></section>`;
      case 'no_show':
        return html`<section class="outcome no_show"><h2>${w.noShow}</h2><p>${this._noShowHint()}</p></section>`;
      case 'transferred':
        return html`<section class="outcome transferred"><h2>${fill(w.transferred, { area: this._areaName(ticket.areaId) })}</h2><p>${w.transferredHint}</p></section>`;
      case 'cancelled':
        return html`<section class="outcome cancelled"><h2>${w.cancelled}</h2><p>${w.cancelledHint}</p></section>`;
      case 'parked':
        return html`<section class="outcome parked"><h2>${fill(w.parked, { window: this._windowNumber(ticket) })}</h2><p>${w.parkedHint}</p></section>`;
    }
  }

  /** When the wait is long: the next quieter time today (`nextQuieterTime`), in words. */
  private _renderQuieter(ticket: PublicTicket) {
    const a = this._bestTime?.areaId === ticket.areaId ? this._bestTime.answer : null;
    if (!a?.now) return nothing;
    const q = nextQuieterTime(
      a.days.find((d) => d.day === a.today),
      a.now.minuteOfDay,
      ticket.estimatedWaitMinutes,
    );
    if (!q) return nothing;
    const time = `${String(q.hour).padStart(2, '0')}:00`;
    return html`<p class="quieter" role="status" data-quieter-hour=${q.hour}>
      ${fill(messages(this._locale).calendar.bestTime.quieter, { m: ticket.estimatedWaitMinutes ?? '', time, q: q.waitMinutes ?? '' })}
    </p>`;
  }

  /** Reads the area's best times once per area and ten minutes: they change only with the forecast. */
  private _readBestTime(areaId: string): void {
    const kept = this._bestTime;
    if (kept && kept.areaId === areaId && Date.now() - kept.readAt < 10 * 60_000) return;
    if (!this.where) return;
    const mine = { areaId, readAt: Date.now(), answer: null as BestTime | null };
    this._bestTime = mine;
    call(new Api({ locale: this._locale }), 'GET /halls/:hallId/best-time', { params: { hallId: this.where.hallId }, query: { areaId } })
      .then((answer) => {
        if (this._bestTime === mine) this._bestTime = { ...mine, answer };
      })
      .catch(() => {
        // A suggestion only: the page goes on without it (and tries again in ten minutes).
      });
  }

  /** A ticket of an earlier day: its number, area and date, and how its visit ended, in words. */
  private _renderEnded(ticket: PublicTicket, end: NonNullable<PublicTicket['ended']>) {
    const w = messages(this._locale).calendar.ticket;
    const date = dateLabel(ticket.day, this._locale);
    const [title, hint] =
      end === 'done'
        ? [w.endedDone, w.endedDoneHint]
        : end === 'no_show'
          ? [w.endedNoShow, w.endedNoShowHint]
          : end === 'cancelled'
            ? [w.endedCancelled, w.endedCancelledHint]
            : [ticket.calledAt === null ? w.endedDayEnd : w.endedDayEndServing, w.endedDayEndHint];
    return html`
      <p class="past-note" role="status">${fill(w.pastNote, { date })}</p>
      <section class="card ticket past" data-ended=${end}>
        <span class="number-label">${w.yourNumber}</span>
        <span class="number" data-number=${ticket.number}>${ticket.number}</span>
        <dl>
          <dt>${w.area}</dt>
          <dd class="area">${this._areaName(ticket.areaId)}</dd>
          <dt>${w.takenOn}</dt>
          <dd class="day" data-day=${ticket.day}>${date}</dd>
        </dl>
      </section>
      <section class="outcome ended ${end}" data-ended=${end}><h2>${title}</h2><p>${hint}</p></section>
    `;
  }

  /** 过号重排 as the hall allows it: how long the number is kept and where to re-join. */
  private _noShowHint(): string {
    const w = messages(this._locale).calendar.ticket;
    const p = this._hall?.policy;
    const rule = {
      requeueWithinMinutes: p?.requeueWithinMinutes ?? REQUEUE_DEFAULTS.requeueWithinMinutes,
      requeueBehind: p?.requeueBehind ?? REQUEUE_DEFAULTS.requeueBehind,
      maxRequeues: p?.maxRequeues ?? REQUEUE_DEFAULTS.maxRequeues,
    };
    if (rule.maxRequeues === 0) return w.noShowHintNoRequeue;
    return fill(w.noShowHint, { minutes: rule.requeueWithinMinutes, behind: rule.requeueBehind });
  }

  /** 一件事一次办: 第2步/共3步, what follows, and the whole route. */
  private _renderJourney(journey: NonNullable<PublicTicket['journey']>) {
    const common = messages(this._locale).screens.common;
    const name = (id: string) => this._areaName(id);
    return html`<section class="card journey" data-journey-step=${journey.step}>
      <h2>${journey.name}</h2>
      <p class="step">${journeyStepText(journey, common)} · ${journeyNextText(journey, common, name)}</p>
      <ol>
        ${journey.steps.map((s, i) => html`<li class=${i + 1 < journey.step ? 'done' : i + 1 === journey.step ? 'current' : 'later'}>${name(s.areaId)}</li>`)}
      </ol>
    </section>`;
  }

  private _renderAlerts() {
    const w = messages(this._locale).calendar.ticket;
    if (this._alerts) {
      const text = this._alerts === 'on' ? w.alertsOn : this._alerts === 'denied' ? w.alertsDenied : w.alertsVibrateOnly;
      return html`<p class="alerts-state" role="status">${text}</p>`;
    }
    return html`<div class="alerts">
      <button type="button" class="enable-alerts" @click=${this._onEnableAlerts}>${w.alertsOff}</button>
      <p class="muted">${w.alertsHint}</p>
    </div>`;
  }

  private _areaName(areaId: string): string {
    return this._hall?.areas.find((a) => a.id === areaId)?.name ?? areaId;
  }

  /** The window's number as people know it: from the ticket's figures, else the hall's layout. */
  private _windowNumber(ticket: PublicTicket): string {
    if (ticket.window) return String(ticket.window.number);
    const win = this._hall?.windows.find((x) => x.id === ticket.windowId);
    return win ? String(win.number) : (ticket.windowId ?? '');
  }

  private async _loadHall(hallId: string): Promise<void> {
    try {
      this._hall = await new Api({ locale: this._locale }).get<HallDetail>(`/api/v1/halls/${encodeURIComponent(hallId)}`);
    } catch {
      // Names only: the ticket still shows with its area id; the next render tries nothing more.
    }
  }

  private readonly _onEnableAlerts = async (): Promise<void> => {
    this._alerts = await enableAlerts();
  };

  private _onCall(recalled: boolean): void {
    const ticket = this.follower?.ticket;
    const w = messages(this._locale).calendar.ticket;
    const n = ticket ? this._windowNumber(ticket) : '';
    const number = ticket?.number ?? '';
    alertCall(fill(w.notifyTitle, { window: n }), `${fill(w.notifyBody, { number, window: n })}${recalled ? ` · ${w.recalled}` : ''}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-ticket-page': QmsTicketPage;
  }
}
