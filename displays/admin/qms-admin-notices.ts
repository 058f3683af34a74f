/**
 * The console's notices section: standing notices (长期公告) with a validity range — part of the
 * hall's configuration, shown on the boards on every day from their first to their last day and
 * gone by themselves after that (the rule: `server/domain/notice-rules.ts`) — posted with the
 * dates typed or picked, and removed after a question. Notices a manager posted on the manager
 * page for today only (the day's log) are listed too, and can be removed here.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { readTypedDate } from '../../server/domain/calendar-rules';
import { NOTICE_MAX_LENGTH, STANDING_NOTICE_DEFAULT_DAYS, noticeLength, noticeStatusOn, type StandingNotice } from '../../server/domain/notice-rules';
import { addDays } from '../../server/domain/time';
import { messages } from '../../server/i18n';
import type { Board } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { runLabel } from './calendar-dates';
import { confirmDialog, openConfirm } from './confirm-dialog';
import { dateField, typedDateProblem } from './date-field';
import { HallConfigController } from './hall-config-controller';
import { noticesStyles } from './qms-admin-notices-styles';

type DayNotice = Board['notices'][number];

/** A fresh notice id within the hall document's id pattern. */
function newNoticeId(): string {
  return `n-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

@customElement('qms-admin-notices')
export class QmsAdminNotices extends LitElement {
  static override styles = [baseStyles, adminStyles, noticesStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  private readonly config = new HallConfigController(this, () => this.ctx);

  /** The hall's local day, from the board (the day the boards are on). */
  @state() private _day: string | null = null;
  /** Today's notices from the day's log (posted on the manager page). */
  @state() private _dayNotices: DayNotice[] | null = null;
  @state() private _text = '';
  @state() private _from = '';
  @state() private _to = '';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _done = '';
  @state() private _tried = false;
  @state() private _removing: { kind: 'standing' | 'today'; id: string; text: string } | null = null;

  private get w() {
    return messages(this.ctx?.locale ?? 'zh-CN').adminCalendar.notices;
  }

  private get locale() {
    return this.ctx?.locale ?? 'zh-CN';
  }

  private get params(): { hallId: string } {
    return { hallId: this.ctx!.hallId };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadDay();
  }

  override updated(): void {
    openConfirm(this.renderRoot);
  }

  private get _standing(): StandingNotice[] {
    return [...(this.config.config?.hall.standingNotices ?? [])].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }

  /** What is wrong with the form, in words ('' when it may be posted). */
  private get _problem(): string {
    const w = this.w;
    const length = noticeLength(this._text);
    if (length > NOTICE_MAX_LENGTH) return fill(w.tooLong, { max: NOTICE_MAX_LENGTH });
    if (length === 0 && this._tried) return w.empty;
    if (!this._tried) return '';
    const from = readTypedDate(this._from);
    if (!from.ok) return typedDateProblem(from, this.locale);
    const to = readTypedDate(this._to);
    if (!to.ok) return typedDateProblem(to, this.locale);
    if (to.date < from.date) return w.rangeWrong;
    return '';
  }

  override render(): TemplateResult {
    const w = this.w;
    const length = noticeLength(this._text);
    const problem = this._problem;
    return html`<section>
      <div class="head">
        <h2>${w.title}</h2>
        <span class="scope">${w.scope}</span>
      </div>
      <p class="lifetime">${w.lifetime}</p>
      <div class="columns">
        <form class="panel" @submit=${this._post} novalidate>
          <label
            >${w.text}<textarea
              name="notice"
              placeholder=${w.placeholder}
              aria-invalid=${length > NOTICE_MAX_LENGTH || (length === 0 && this._tried)}
              .value=${this._text}
              @input=${(e: Event) => {
                this._text = (e.target as HTMLTextAreaElement).value;
                this._done = '';
              }}
            ></textarea
          ></label>
          <div class="dates">
            ${dateField({ label: w.from, name: 'notice-from', value: this._from, locale: this.locale, hint: w.fromHint, onInput: (v) => (this._from = v) })}
            ${dateField({ label: w.to, name: 'notice-to', value: this._to, locale: this.locale, hint: w.toHint, onInput: (v) => (this._to = v) })}
          </div>
          <div class="formbar">
            <button type="submit" class="primary" ?disabled=${this._busy || !this.config.config}>${this._busy ? w.posting : w.post}</button>
            ${problem ? html`<span class="refusal" role="alert">${problem}</span>` : nothing}
            ${this._done ? html`<span class="ok" role="status">${this._done}</span>` : nothing}
            <span class="counter muted ${length > NOTICE_MAX_LENGTH ? 'over' : ''}">${fill(w.counter, { n: length, max: NOTICE_MAX_LENGTH })}</span>
          </div>
          ${this._error ? html`<p class="refusal" role="alert">${this._error}</p>` : nothing}
        </form>
        <div class="panel">
          <h3>${w.current}</h3>
          ${this._standingList()}
          ${this._dayNotices && this._dayNotices.length > 0 ? html`<h3 class="today-only">${w.todayOnly}</h3>${this._dayList(this._dayNotices)}` : nothing}
        </div>
      </div>
      ${
        this._removing
          ? confirmDialog({
              question: fill(w.confirmRemove, { text: this._removing.text }),
              yes: w.remove,
              no: messages(this.locale).adminConsole.cancel,
              action: 'confirm-remove-notice',
              busy: this._busy,
              onYes: () => void this._remove(this._removing!),
              onNo: () => (this._removing = null),
            })
          : nothing
      }
    </section>`;
  }

  private _standingList(): TemplateResult {
    const w = this.w;
    if (!this.config.config || this._day === null) return html`<p class="muted">${w.loading}</p>`;
    const standing = this._standing;
    if (standing.length === 0) return html`<p class="muted">${w.none}</p>`;
    const day = this._day;
    return html`<ul class="notices standing">
      ${standing.map((n) => {
        const status = noticeStatusOn(n, day);
        return html`<li data-notice=${n.id} data-status=${status}>
          <span class="text">${n.text}</span>
          <span class="validity">
            <span class="range">${runLabel([n.from, n.to], this.locale)}${n.from.slice(0, 4) !== day.slice(0, 4) || n.to.slice(0, 4) !== day.slice(0, 4) ? ` (${n.from.slice(0, 4)})` : ''}</span>
            <span class="status ${status}">${w.status[status]}</span>
          </span>
          <button type="button" class="danger" ?disabled=${this._busy} @click=${() => (this._removing = { kind: 'standing', id: n.id, text: n.text })}>${w.remove}</button>
        </li>`;
      })}
    </ul>`;
  }

  private _dayList(notices: DayNotice[]): TemplateResult {
    const w = this.w;
    return html`<ul class="notices today">
      ${notices.map(
        (n) => html`<li data-notice=${n.id}>
          <span class="text">${n.text}</span>
          <button type="button" class="danger" ?disabled=${this._busy} @click=${() => (this._removing = { kind: 'today', id: n.id, text: n.text })}>${w.remove}</button>
        </li>`,
      )}
    </ul>`;
  }

  /** The hall's day and today's own notices (the board lists standing ones too: those are the configuration's). */
  private async _loadDay(): Promise<void> {
    if (!this.ctx) return;
    try {
      const board = await call(this.ctx.api, 'GET /halls/:hallId/board', { params: this.params });
      const first = this._day === null;
      this._day = board.day;
      if (first) {
        this._from ||= board.day;
        this._to ||= addDays(board.day, STANDING_NOTICE_DEFAULT_DAYS - 1);
      }
      await this.config.load();
      const standing = new Set((this.config.config?.hall.standingNotices ?? []).map((n) => n.id));
      this._dayNotices = board.notices.filter((n) => !standing.has(n.id));
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err.display;
    }
  }

  private _post = async (e: Event): Promise<void> => {
    e.preventDefault();
    this._tried = true;
    this._done = '';
    if (this._problem || noticeLength(this._text) === 0) return;
    const from = readTypedDate(this._from);
    const to = readTypedDate(this._to);
    if (!from.ok || !to.ok) return;
    const notice: StandingNotice = { id: newNoticeId(), text: this._text.trim(), from: from.date, to: to.date };
    this._busy = true;
    this._error = '';
    try {
      const outcome = await this.config.save((hall) => {
        hall.standingNotices = [...(hall.standingNotices ?? []), notice];
      });
      if (outcome.ok) {
        this._text = '';
        this._tried = false;
        this._done = this.w.posted;
      } else {
        this._error = outcome.problems.join('；');
      }
    } finally {
      this._busy = false;
    }
  };

  private async _remove(target: { kind: 'standing' | 'today'; id: string }): Promise<void> {
    this._busy = true;
    this._error = '';
    try {
      if (target.kind === 'standing') {
        const outcome = await this.config.save((hall) => {
          hall.standingNotices = (hall.standingNotices ?? []).filter((n) => n.id !== target.id);
        });
        if (!outcome.ok) this._error = outcome.problems.join('；');
        else this._done = this.w.removed;
      } else {
        await call(this.ctx!.api, 'DELETE /halls/:hallId/notices/:noticeId', { params: { ...this.params, noticeId: target.id } });
        this._done = this.w.removed;
        await this._loadDay();
      }
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err.display;
      if (err.code === 'notice_not_found') void this._loadDay();
    } finally {
      this._busy = false;
      this._removing = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-notices': QmsAdminNotices;
  }
}
