/**
 * The console's notices section: today's notices on the hall's boards, post one (up to the length
 * the API takes), remove one. Notices live in the hall's day log, like the queue: they last until
 * removed or until the day ends, and the next day starts with none — the section says so.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages } from '../../server/i18n';
import { NOTICE_MAX_LENGTH, noticeLength } from '../../server/domain/notice-rules';
import type { Board } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { noticesStyles } from './qms-admin-notices-styles';

type Notice = Board['notices'][number];

@customElement('qms-admin-notices')
export class QmsAdminNotices extends LitElement {
  static override styles = [baseStyles, adminStyles, noticesStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  @state() private _notices: Notice[] | null = null;
  @state() private _text = '';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _done = '';
  @state() private _tried = false;

  private get w() {
    return messages(this.ctx?.locale ?? 'zh-CN').adminCalendar.notices;
  }

  private get hallPath(): string {
    return `/api/v1/halls/${encodeURIComponent(this.ctx!.hallId)}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render(): TemplateResult {
    const w = this.w;
    const length = noticeLength(this._text);
    const problem = length > NOTICE_MAX_LENGTH ? fill(w.tooLong, { max: NOTICE_MAX_LENGTH }) : length === 0 && this._tried ? w.empty : '';
    return html`<section>
      <div class="head">
        <h2>${w.title}</h2>
        <span class="scope today">${w.scope}</span>
      </div>
      <p class="lifetime">${w.lifetime}</p>
      <div class="columns">
        <form class="panel" @submit=${this._post}>
          <label
            >${w.text}<textarea
              name="notice"
              placeholder=${w.placeholder}
              aria-invalid=${problem !== ''}
              .value=${this._text}
              @input=${(e: Event) => {
                this._text = (e.target as HTMLTextAreaElement).value;
                this._done = '';
              }}
            ></textarea
          ></label>
          <div class="formbar">
            <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? w.posting : w.post}</button>
            ${problem ? html`<span class="refusal" role="alert">${problem}</span>` : nothing}
            ${this._done ? html`<span class="ok" role="status">${this._done}</span>` : nothing}
            <span class="counter muted ${length > NOTICE_MAX_LENGTH ? 'over' : ''}">${fill(w.counter, { n: length, max: NOTICE_MAX_LENGTH })}</span>
          </div>
          ${this._error ? html`<p class="refusal" role="alert">${this._error}</p>` : nothing}
        </form>
        <div class="panel">
          <h3>${w.current}</h3>
          ${this._list()}
        </div>
      </div>
    </section>`;
  }

  private _list(): TemplateResult {
    const w = this.w;
    if (this._notices === null) return html`<p class="muted">${w.loading}</p>`;
    if (this._notices.length === 0) return html`<p class="muted">${w.none}</p>`;
    return html`<ul class="notices">
      ${this._notices.map(
        (n) => html`<li data-notice=${n.id}>
          <span class="text">${n.text}</span>
          <button type="button" class="danger" ?disabled=${this._busy} @click=${() => this._remove(n)}>${w.remove}</button>
        </li>`,
      )}
    </ul>`;
  }

  private async _load(): Promise<void> {
    if (!this.ctx) return;
    await this._act(() => this._fetch());
  }

  private async _fetch(): Promise<void> {
    const board = await this.ctx!.api.get<Board>(`${this.hallPath}/board`);
    this._notices = board.notices;
  }

  private _post = async (e: Event): Promise<void> => {
    e.preventDefault();
    this._tried = true;
    const text = this._text.trim();
    const length = noticeLength(text);
    if (length === 0 || length > NOTICE_MAX_LENGTH) return;
    await this._act(async () => {
      await this.ctx!.api.post(`${this.hallPath}/notices`, { text });
      this._text = '';
      this._tried = false;
      this._done = this.w.posted;
      await this._fetch();
    });
  };

  private async _remove(n: Notice): Promise<void> {
    await this._act(async () => {
      await this.ctx!.api.delete(`${this.hallPath}/notices/${encodeURIComponent(n.id)}`);
      this._done = this.w.removed;
      await this._fetch();
    });
  }

  /** Runs a request, showing a refusal in words (a notice removed meanwhile reloads the list). */
  private async _act(job: () => Promise<void>): Promise<void> {
    this._busy = true;
    this._error = '';
    try {
      await job();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err.display;
      if (err.code === 'notice_not_found') void this._load();
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-notices': QmsAdminNotices;
  }
}
