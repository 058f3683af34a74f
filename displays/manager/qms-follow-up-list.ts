/**
 * 好差评 follow-up (差评回访整改): every bad rating with its ticket, window and clerk, the deadline
 * 15 working days on, and what was done; overdue ones stand out (colour, ■ and the word 已超期).
 * A manager records each call-back and whether the matter is put right.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FollowUpItem } from '../../server/domain/rating-follow-up';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { LEVEL_MARK, managerStyles } from './manager-styles';
import { hallClock, type ManagerWords } from './manager-words';
import { followUpListStyles } from './qms-follow-up-list-styles';

interface FollowUpList {
  from: string;
  to: string;
  today: string;
  items: FollowUpItem[];
}

@customElement('qms-follow-up-list')
export class QmsFollowUpList extends LitElement {
  static override styles = [baseStyles, managerStyles, followUpListStyles];

  @property({ attribute: false }) api!: Api;
  @property() hallId = '';
  @property({ attribute: false }) words!: ManagerWords;
  @property({ attribute: false }) areaNames: Map<string, string> = new Map();

  @state() private _list: FollowUpList | null = null;
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this._list = await this.api.get<FollowUpList>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/ratings/follow-ups`);
      this._error = '';
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  override render() {
    const f = this.words.followUp;
    return html`
      <h2>${f.title}</h2>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
      ${this._list && this._list.items.length === 0 ? html`<p class="muted">${f.none}</p>` : ''}
      <div class="items">${(this._list?.items ?? []).map((item) => this._item(item))}</div>
    `;
  }

  private _status(item: FollowUpItem): { level: 'ok' | 'warn' | 'alert'; text: string; detail: string } {
    const f = this.words.followUp;
    if (item.resolved) return { level: 'ok', text: f.resolved, detail: '' };
    if (item.overdue) return { level: 'alert', text: f.overdue, detail: fill(f.daysOver, { n: -item.workdaysLeft }) };
    return { level: 'warn', text: f.open, detail: item.workdaysLeft === 0 ? f.dueToday : fill(f.daysLeft, { n: item.workdaysLeft }) };
  }

  private _item(item: FollowUpItem): TemplateResult {
    const f = this.words.followUp;
    const st = this._status(item);
    return html`<article class="level-${st.level} ${item.overdue ? 'overdue' : ''}" data-ticket=${item.ticketId} data-state=${item.resolved ? 'resolved' : item.overdue ? 'overdue' : 'open'}>
      <div>
        <div class="head">
          <span class="number">${item.number}</span>
          <span class="badge level-${st.level}">${LEVEL_MARK[st.level]} ${st.text}</span>
          <span>${st.detail}</span>
        </div>
        <dl class="facts">
          <dt>${f.day}</dt><dd>${item.day} ${hallClock(item.at)} · ${this.areaNames.get(item.areaId) ?? item.areaId}</dd>
          <dt>${f.window}</dt><dd>${item.windowNumber ?? '—'} · ${f.clerk} ${item.clerk ? `${item.clerk.name}${item.clerk.staffNo ? `（${item.clerk.staffNo}）` : ''}` : '—'}</dd>
          <dt>${f.score}</dt><dd>${item.score === null ? f.complaintCase : fill(f.scoreValue, { score: item.score })}${item.tags.length ? ` · ${item.tags.join('、')}` : ''}</dd>
          <dt>${f.comment}</dt><dd>${item.comment ?? '—'}</dd>
          <dt>${f.due}</dt><dd>${item.dueDay}</dd>
        </dl>
        ${item.followUps.length > 0
          ? html`<ol aria-label=${f.history}>
              ${item.followUps.map((n) => html`<li>${n.at.slice(0, 10)} ${hallClock(n.at)} ${n.note}${n.resolved ? ` ${this.words.trail.resolved}` : ''}</li>`)}
            </ol>`
          : ''}
      </div>
      <form @submit=${(e: SubmitEvent) => this._save(e, item)}>
        <label class="note">${f.note}<textarea name="note" maxlength="500" placeholder=${f.notePlaceholder} required></textarea></label>
        <div class="row">
          <label><input type="checkbox" name="resolved" .checked=${item.resolved} /> ${f.markResolved}</label>
          <button class="primary" type="submit" ?disabled=${this._busy}>${f.save}</button>
        </div>
      </form>
    </article>`;
  }

  private async _save(e: SubmitEvent, item: FollowUpItem): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._busy = true;
    try {
      await this.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId)}/ratings/${encodeURIComponent(item.ticketId)}/follow-up`, {
        day: item.day,
        note: String(data.get('note') ?? ''),
        resolved: data.get('resolved') !== null,
      });
      form.reset();
      await this.load();
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-follow-up-list': QmsFollowUpList;
  }
}
