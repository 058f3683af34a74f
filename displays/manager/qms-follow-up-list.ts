/**
 * 好差评 follow-up (差评回访整改): every bad rating with its ticket, window and clerk, its reasons in
 * words, the citizen's comment and contact phone (masked; the manager may read it in full to call
 * back, which the server logs), the deadline 15 working days on, and what was done; overdue ones
 * stand out (colour, ■ and the word 已超期). A manager records each call-back and whether the matter
 * is put right.
 *
 * Order: most urgent first — overdue ones (already past the 15-working-day rule), then open ones by
 * the working days left, then the resolved ones, newest first. The rule's deadline is what a hall is
 * held to, and an open case nearest its deadline is the one to call today; 最新优先 is a click away
 * for the morning look at yesterday's new ones. Filters: 待回访 / 已超期 / 已整改, and a search.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FollowUpItem } from '../../server/domain/rating-follow-up';
import { ApiFailure, type Api } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { messages, type Locale } from '../../server/i18n';
import { fill } from '../shared/words';
import { LEVEL_MARK, managerStyles } from './manager-styles';
import { hallClock, type ManagerWords } from './manager-words';
import { followUpListStyles } from './qms-follow-up-list-styles';

type Filter = 'all' | 'open' | 'overdue' | 'resolved';
type Order = 'urgent' | 'newest';
const FILTERS: readonly Filter[] = ['all', 'open', 'overdue', 'resolved'];

function stateOf(item: FollowUpItem): Exclude<Filter, 'all'> {
  return item.resolved ? 'resolved' : item.overdue ? 'overdue' : 'open';
}

/** Most urgent first: overdue, then open by working days left, then resolved (newest first). */
function urgentOrder(a: FollowUpItem, b: FollowUpItem): number {
  const rank = { overdue: 0, open: 1, resolved: 2 } as const;
  const ra = rank[stateOf(a)];
  const rb = rank[stateOf(b)];
  if (ra !== rb) return ra - rb;
  if (ra === 2) return newestOrder(a, b);
  return a.workdaysLeft - b.workdaysLeft || newestOrder(b, a);
}

function newestOrder(a: FollowUpItem, b: FollowUpItem): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : 0;
}

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
  @property() locale: Locale = 'zh-CN';

  @state() private _list: FollowUpList | null = null;
  @state() private _filter: Filter = 'all';
  @state() private _order: Order = 'urgent';
  @state() private _search = '';
  /** Numbers read in full, by ticket (`day:ticketId`). */
  @state() private _revealed = new Map<string, string | null>();
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this._list = await this.api.get<FollowUpList>(`/api/v1/halls/${encodeURIComponent(this.hallId)}/ratings/follow-ups`);
      // A number read in full stays on screen only until the list is looked at again.
      this._revealed = new Map();
      this._error = '';
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
  }

  /** A reason code in the page's words (the rating pad's own table). */
  private _tag(id: string): string {
    const reasons = messages(this.locale).screens.rating.reasons as Record<string, string>;
    return reasons[id] ?? id;
  }

  private _matches(item: FollowUpItem, q: string): boolean {
    if (!q) return true;
    const hay = [
      item.number,
      item.comment ?? '',
      item.clerk?.name ?? '',
      item.clerk?.staffNo ?? '',
      item.windowNumber === null ? '' : String(item.windowNumber),
      this.areaNames.get(item.areaId) ?? item.areaId,
      item.contactMasked ?? '',
      item.day,
      ...item.tags.map((t) => this._tag(t)),
      ...item.followUps.map((n) => n.note),
    ]
      .join('\n')
      .toLowerCase();
    return hay.includes(q.toLowerCase());
  }

  override render() {
    const f = this.words.followUp;
    const all = this._list?.items ?? [];
    const counts = { all: all.length, open: 0, overdue: 0, resolved: 0 };
    for (const i of all) counts[stateOf(i)]++;
    const q = this._search.trim();
    const shown = all
      .filter((i) => (this._filter === 'all' || stateOf(i) === this._filter) && this._matches(i, q))
      .sort(this._order === 'urgent' ? urgentOrder : newestOrder);
    return html`
      <h2>${f.title}</h2>
      <div class="tools">
        <div class="filters" role="group" aria-label=${f.filterLabel}>
          ${FILTERS.map(
            (k) => html`<button type="button" data-filter=${k} aria-pressed=${this._filter === k ? 'true' : 'false'} @click=${() => (this._filter = k)}>
              ${f.filters[k]} <span class="count">${counts[k]}</span>
            </button>`,
          )}
        </div>
        <label class="search">${f.searchLabel} <input type="search" name="search" placeholder=${f.searchPlaceholder} .value=${this._search} @input=${(e: InputEvent) => (this._search = (e.target as HTMLInputElement).value)} /></label>
        <label>${f.orderLabel}
          <select name="order" @change=${(e: Event) => (this._order = (e.target as HTMLSelectElement).value as Order)}>
            <option value="urgent" ?selected=${this._order === 'urgent'}>${f.orders.urgent}</option>
            <option value="newest" ?selected=${this._order === 'newest'}>${f.orders.newest}</option>
          </select>
        </label>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
      ${this._list && all.length === 0 ? html`<p class="muted">${f.none}</p>` : ''}
      ${this._list && all.length > 0 && shown.length === 0 ? html`<p class="muted">${f.noMatch}</p>` : ''}
      <div class="items">${shown.map((item) => this._item(item))}</div>
    `;
  }

  private _contact(item: FollowUpItem): TemplateResult | string {
    const f = this.words.followUp;
    if (!item.contactMasked) return f.noContact;
    const key = `${item.day}:${item.ticketId}`;
    if (this._revealed.has(key)) {
      const full = this._revealed.get(key);
      return html`<span class="contact" data-contact="full">${full ?? `${item.contactMasked}（${f.contactGone}）`}</span>`;
    }
    return html`<span class="contact" data-contact="masked">${item.contactMasked}</span>
      ${item.resolved ? '' : html`<button type="button" class="reveal" @click=${() => this._reveal(item)}>${f.reveal}</button>`}`;
  }

  private async _reveal(item: FollowUpItem): Promise<void> {
    try {
      const { contact } = await this.api.get<{ contact: string | null }>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/ratings/${encodeURIComponent(item.ticketId)}/contact?day=${item.day}`,
      );
      this._revealed = new Map(this._revealed).set(`${item.day}:${item.ticketId}`, contact);
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    }
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
          <dt>${f.score}</dt><dd>${item.score === null ? f.complaintCase : fill(f.scoreValue, { score: item.score })}</dd>
          <dt>${f.reasons}</dt><dd class="tags">${item.tags.length ? item.tags.map((t) => this._tag(t)).join(this.locale === 'en' ? ', ' : '、') : '—'}</dd>
          <dt>${f.comment}</dt><dd class="comment">${item.comment ?? '—'}</dd>
          <dt>${f.contact}</dt><dd>${this._contact(item)}</dd>
          <dt>${f.due}</dt><dd>${item.dueDay}</dd>
        </dl>
        ${
          item.followUps.length > 0
            ? html`<ol aria-label=${f.history}>
              ${item.followUps.map((n) => html`<li>${n.at.slice(0, 10)} ${hallClock(n.at)} ${n.note}${n.resolved ? ` ${this.words.trail.resolved}` : ''}</li>`)}
            </ol>`
            : ''
        }
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
