/**
 * The audit trail (`/audit`, 1920×1080): the records of `GET /api/v1/audit`, newest first, a page at
 * a time, filtered by kind. For the audit administrator alone (三员分立: the system administrator's
 * own changes are in it); it belongs to no hall, so it signs in on its own. zh-CN, `?lang=en` (or the
 * switch) for English.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AUDIT_KINDS, type AuditKind } from '../../server/domain/audit-record';
import { messages, type Locale } from '../../server/i18n';
import '../booking/qms-lang-switch';
import { ApiFailure } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import '../shared/qms-login';
import { SessionController } from '../shared/session-controller';
import { pageLocale } from '../shared/words';
import { auditLogStyles } from './qms-audit-log-styles';

interface AuditRecordView {
  seq: number;
  at: string;
  kind: AuditKind;
  actor: string | null;
  role: string | null;
  address: string | null;
  method: string;
  route: string | null;
  status: number;
  hallId: string | null;
  hash: string;
}

const PAGE = 50;
const TIMEZONE = 'Asia/Shanghai';

@customElement('qms-audit-log')
export class QmsAuditLog extends LitElement {
  static override styles = [baseStyles, auditLogStyles];

  @state() private _locale: Locale = pageLocale();
  @state() private _kind: AuditKind | '' = '';
  @state() private _records: AuditRecordView[] | null = null;
  @state() private _next: number | null = null;
  @state() private _before: number | null = null;
  @state() private _error = '';
  private _loadedFor: string | null = null;

  private readonly session = new SessionController(this, 'audit', null);

  private get words() {
    return messages(this._locale).audit;
  }

  private get allowed(): boolean {
    return this.session.session?.user.role === 'audit_admin';
  }

  override willUpdate(): void {
    document.title = this.words.title;
    document.documentElement.lang = this._locale;
    const token = this.session.token;
    if (this.allowed && token !== this._loadedFor) {
      this._loadedFor = token;
      void this._load();
    }
  }

  private async _load(): Promise<void> {
    this._error = '';
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (this._kind) query.set('kind', this._kind);
    if (this._before !== null) query.set('before', String(this._before));
    try {
      const page = await this.session.api.get<{ records: AuditRecordView[]; next: number | null }>(`/api/v1/audit?${query}`);
      this._records = page.records;
      this._next = page.next;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err.display;
    }
  }

  override render(): TemplateResult {
    const w = this.words;
    if (!this.allowed) {
      return html`<qms-login heading=${w.login} .notice=${this.session.session ? w.onlyAuditor : ''} @qms-signed-in=${this.session.signedIn}></qms-login>`;
    }
    const user = this.session.session!.user;
    return html`<header>
        <h1>${w.title}</h1>
        <span class="spacer"></span>
        <span class="who">${user.name}</span>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
        <button type="button" class="signout" @click=${() => this.session.logOut()}>${w.signOut}</button>
      </header>
      <main>
        <div class="controls">
          <label
            >${w.filter}
            <select name="kind" @change=${this._onKind}>
              <option value="" ?selected=${this._kind === ''}>${w.all}</option>
              ${AUDIT_KINDS.map((k) => html`<option value=${k} ?selected=${this._kind === k}>${w.kinds[k]}</option>`)}
            </select></label
          >
          ${this._before !== null ? html`<button type="button" @click=${() => this._page(null)}>${w.newest}</button>` : ''}
          ${this._next !== null ? html`<button type="button" class="older" @click=${() => this._page(this._next)}>${w.older}</button>` : ''}
          ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
        </div>
        ${this._records === null ? html`<div class="message" role="status">${w.loading}</div>` : this._table(this._records)}
        <p class="note">${w.chainNote}</p>
      </main>`;
  }

  private _table(records: AuditRecordView[]): TemplateResult {
    const w = this.words;
    const c = w.columns;
    if (records.length === 0) return html`<div class="message">${w.none}</div>`;
    const time = new Intl.DateTimeFormat(this._locale, {
      timeZone: TIMEZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return html`<section class="panel">
      <table>
        <thead>
          <tr>
            <th>${c.seq}</th>
            <th>${c.at}</th>
            <th>${c.kind}</th>
            <th>${c.actor}</th>
            <th>${c.role}</th>
            <th>${c.address}</th>
            <th>${c.action}</th>
            <th>${c.status}</th>
            <th>${c.hall}</th>
            <th>${c.hash}</th>
          </tr>
        </thead>
        <tbody>
          ${records.map(
            (r) => html`<tr data-seq=${r.seq} data-kind=${r.kind} class=${r.kind === 'sign_in_failed' || r.kind === 'access_refused' ? 'refused' : ''}>
              <td>${r.seq}</td>
              <td>${time.format(new Date(r.at))}</td>
              <td class="kind">${w.kinds[r.kind] ?? r.kind}</td>
              <td>${r.actor ?? '—'}</td>
              <td>${r.role ?? '—'}</td>
              <td>${r.address ?? '—'}</td>
              <td class="route">${r.method} ${r.route ?? ''}</td>
              <td>${r.status}</td>
              <td>${r.hallId ?? '—'}</td>
              <td class="hash" title=${r.hash}>${r.hash.slice(0, 12)}…</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _onKind(e: Event): void {
    this._kind = (e.target as HTMLSelectElement).value as AuditKind | '';
    this._before = null;
    void this._load();
  }

  private _page(before: number | null): void {
    this._before = before;
    void this._load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-log': QmsAuditLog;
  }
}
