/**
 * A ticket's full trail by number and day (局长走流程): the time each phase took, then every step
 * in order — taken, printed, called, walked up, served, set aside, transferred, rated, followed up —
 * each in words, with who did it (name and 工号) and why (a reason, the rating's reasons and comment).
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HallEvent } from '../../server/domain/events';
import { messages, type Locale } from '../../server/i18n';
import type { TicketTrail } from '../../server/domain/ticket-trail';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import { duration, hallClock, type ManagerWords } from './manager-words';
import { ticketTrailStyles } from './qms-ticket-trail-styles';

@customElement('qms-ticket-trail')
export class QmsTicketTrail extends LitElement {
  static override styles = [baseStyles, managerStyles, ticketTrailStyles];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property() today = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: false }) areaNames: Map<string, string> = new Map();

  @state() private _trail: (TicketTrail & { people?: Record<string, { id: string; name: string; staffNo: string | null }> }) | null = null;
  @state() private _error = '';

  override render() {
    const t = this.words.trail;
    return html`
      <h2>${t.title}</h2>
      <form @submit=${this._find}>
        <label>${t.number} <input name="number" placeholder=${t.numberPlaceholder} maxlength="12" required /></label>
        <label>${t.day} <input name="day" type="date" .value=${this.today} required /></label>
        <button class="primary" type="submit">${t.find}</button>
        ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
      </form>
      ${this._trail ? this._show(this._trail) : ''}
    `;
  }

  private _show(trail: TicketTrail) {
    const t = this.words.trail;
    const status = messages(this.locale).ticketStatus[trail.status] ?? trail.status;
    const area = trail.areaIds.map((a) => this.areaNames.get(a) ?? a).join(' → ');
    const ms = (v: number | null) => duration(v === null ? null : v / 1000, this.words);
    return html`
      <div class="summary" data-ticket=${trail.ticketId}>${fill(t.summary, { number: trail.number, area, status })}</div>
      <div class="phases">
        <div class="phase"><div class="muted">${t.phases.wait}</div><div class="v">${ms(trail.phases.waitMs)}</div></div>
        <div class="phase"><div class="muted">${t.phases.walk}</div><div class="v">${ms(trail.phases.walkMs)}</div></div>
        <div class="phase"><div class="muted">${t.phases.service}</div><div class="v">${ms(trail.phases.serviceMs)}</div></div>
        <div class="phase"><div class="muted">${t.phases.total}</div><div class="v">${ms(trail.phases.totalMs)}</div></div>
      </div>
      <ol>
        ${trail.events.map((e) => {
          const who = this._who(e);
          return html`<li data-type=${e.type}><time>${e.day === trail.day ? '' : `${e.day} `}${hallClock(e.at)}${e.at.slice(16, 19)}</time><span class="what">${this._step(e)}</span>${who ? html`<span class="who">${fill(t.by, { who })}</span>` : ''}</li>`;
        })}
      </ol>
    `;
  }

  /** A person by account id: 张敏（YX103）, or the id when the account is gone. */
  private _person(id: string): string {
    const p = this._trail?.people?.[id];
    if (!p) return id;
    return p.staffNo ? `${p.name}（${p.staffNo}）` : p.name;
  }

  /** Who did a step: the clerk who called, else the account that acted (none for the server's own steps). */
  private _who(e: HallEvent): string | null {
    if (e.type === 'ticket.called' && e.clerkId) return this._person(e.clerkId);
    if (e.type === 'ticket.printed' || e.type === 'printer.failed') return null;
    return e.actor ? this._person(e.actor.id) : null;
  }

  private _area(id: string): string {
    return this.areaNames.get(id) ?? id;
  }

  private _step(e: HallEvent): string {
    const t = this.words.trail;
    const ev = t.events;
    const s = (ms: number) => duration(ms / 1000, this.words);
    switch (e.type) {
      case 'ticket.issued':
        return fill(ev['ticket.issued'], { channel: t.channels[e.channel] ?? e.channel });
      case 'ticket.printed':
        return fill(ev['ticket.printed'], { device: e.deviceId });
      case 'printer.failed':
        return fill(ev['printer.failed'], { device: e.deviceId, error: e.error });
      case 'ticket.called':
        return fill(ev['ticket.called'], { window: e.window.number, wait: s(e.waitMs) });
      case 'ticket.recalled':
        return fill(ev['ticket.recalled'], { n: e.recall });
      case 'ticket.started':
        return fill(ev['ticket.started'], { walk: s(e.walkMs) });
      case 'ticket.completed':
        return fill(ev['ticket.completed'], { service: s(e.serviceMs) });
      case 'ticket.no_show':
        return fill(ev['ticket.no_show'], { after: s(e.afterMs) });
      case 'ticket.parked':
        return fill(ev['ticket.parked'], { reason: e.reason ?? t.noReason });
      case 'ticket.unparked':
        return fill(ev['ticket.unparked'], { window: e.window.number, parked: s(e.parkedMs) });
      case 'ticket.requeued':
        return fill(ev['ticket.requeued'], { n: e.behind });
      case 'ticket.no_show_undone':
        return fill(ev['ticket.no_show_undone'], { window: e.window.number });
      case 'ticket.assistance_requested':
        return fill(ev['ticket.assistance_requested'], {
          note: e.note ?? (e.by === null ? this.words.alerts.assistanceKiosk : this.words.alerts.assistanceNoNote),
        });
      case 'ticket.assistance_assigned':
        return fill(ev['ticket.assistance_assigned'], { staff: this._person(e.staffId) });
      case 'ticket.transferred':
        return fill(ev['ticket.transferred'], { from: this._area(e.fromAreaId), area: this._area(e.toAreaId) });
      case 'ticket.step_completed':
        return fill(ev['ticket.step_completed'], {
          done: e.step - 1,
          service: s(e.serviceMs),
          area: this.areaNames.get(e.toAreaId) ?? e.toAreaId,
          step: e.step,
          steps: e.steps,
        });
      case 'rating.submitted': {
        const screens = messages(this.locale).screens.rating;
        const sep = this.locale === 'en' ? '; ' : '；';
        const reasons = screens.reasons as Record<string, string>;
        const parts = [fill(ev['rating.submitted'], { score: e.score, label: screens.scores[String(e.score) as keyof typeof screens.scores] ?? '' })];
        if (e.tags.length) parts.push(fill(t.reasons, { tags: e.tags.map((x) => reasons[x] ?? x).join(this.locale === 'en' ? ', ' : '、') }));
        if (e.comment) parts.push(fill(t.comment, { comment: e.comment }));
        if (e.contactMasked) parts.push(t.contact);
        return parts.join(sep);
      }
      case 'rating.followed_up':
        return fill(ev['rating.followed_up'], { note: e.note }) + (e.resolved ? t.resolved : '');
      default:
        return fill(ev.other, { type: e.type });
    }
  }

  private async _find(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const number = String(data.get('number') ?? '').trim();
    const day = String(data.get('day') ?? this.today);
    this._error = '';
    try {
      this._trail = await this.api.get<TicketTrail>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/trail?number=${encodeURIComponent(number)}&day=${day}`);
    } catch (err) {
      this._trail = null;
      this._error = err instanceof ApiFailure ? (err.code === 'ticket_not_found' ? this.words.trail.notFound : err.display) : String(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-ticket-trail': QmsTicketTrail;
  }
}
