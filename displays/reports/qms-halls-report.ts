/**
 * The report across halls (`/reports?from=&to=`, 1920×1080): every hall the signed-in user may see,
 * side by side for a range of days — issued, served, no-show rate, waits p50/p90, good rate, bad
 * ratings and overdue follow-ups — with the same as a CSV file. For administrators and city managers
 * (市级管理员); it belongs to no hall, so it signs in on its own. zh-CN, `?lang=en` (or the switch)
 * for English. The range is kept in the address so a link opens the same report.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { HallReportRow } from '../../server/domain/halls-report';
import { addDays, localDate } from '../../server/domain/time';
import { messages, type Locale } from '../../server/i18n';
import '../booking/qms-lang-switch';
import { ApiFailure } from '../shared/api';
import { baseStyles } from '../shared/page-styles';
import '../shared/qms-login';
import { queryParam } from '../shared/session';
import { SessionController } from '../shared/session-controller';
import { fill, pageLocale } from '../shared/words';
import { hallsReportStyles } from './qms-halls-report-styles';

/** The halls' dates: China keeps one time zone. */
const TIMEZONE = 'Asia/Shanghai';
/** Without a range in the address: the 30 days ending yesterday (closed days). */
const DEFAULT_DAYS = 30;

interface Report {
  from: string;
  to: string;
  halls: HallReportRow[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@customElement('qms-halls-report')
export class QmsHallsReport extends LitElement {
  static override styles = [baseStyles, hallsReportStyles];

  @state() private _locale: Locale = pageLocale();
  @state() private _from: string;
  @state() private _to: string;
  @state() private _report: Report | null = null;
  @state() private _error = '';
  @state() private _loading = false;
  private _loadedFor: string | null = null;

  private readonly session = new SessionController(this, 'reports', null);

  constructor() {
    super();
    const yesterday = addDays(localDate(Date.now(), TIMEZONE), -1);
    const from = queryParam('from');
    const to = queryParam('to');
    this._to = to && DAY.test(to) ? to : yesterday;
    this._from = from && DAY.test(from) ? from : addDays(this._to, 1 - DEFAULT_DAYS);
  }

  private get words() {
    return messages(this._locale).reports;
  }

  private get allowed(): boolean {
    const role = this.session.session?.user.role;
    return role === 'admin' || role === 'city_manager';
  }

  override willUpdate(): void {
    document.title = this.words.title;
    document.documentElement.lang = this._locale;
    // Once per sign-in: the report of whoever is signed in now.
    const token = this.session.token;
    if (this.allowed && token !== this._loadedFor) {
      this._loadedFor = token;
      void this._load();
    }
  }

  private async _load(): Promise<void> {
    this._error = '';
    this._loading = true;
    try {
      this._report = await this.session.api.get<Report>(`/api/v1/reports/halls?from=${this._from}&to=${this._to}`);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err.display;
    } finally {
      this._loading = false;
    }
  }

  override render(): TemplateResult {
    const w = this.words;
    if (!this.allowed) {
      return html`<qms-login heading=${w.login} .notice=${this.session.session ? w.onlyCity : ''} @qms-signed-in=${this.session.signedIn}></qms-login>`;
    }
    const user = this.session.session!.user;
    const r = this._report;
    return html`<header>
        <h1>${w.title}</h1>
        ${r ? html`<span class="range">${w.range(r.from, r.to, r.halls.length)}</span>` : ''}
        <span class="spacer"></span>
        <span class="who">${user.name}</span>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
        <button type="button" class="signout" @click=${() => this.session.logOut()}>${w.signOut}</button>
      </header>
      <main>
        <form @submit=${this._onSubmit}>
          <label>${w.from} <input type="date" name="from" .value=${this._from} required @change=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} /></label>
          <label>${w.to} <input type="date" name="to" .value=${this._to} required @change=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} /></label>
          <button class="primary" type="submit">${w.query}</button>
          <a class="csv" href=${`/api/v1/reports/halls.csv?from=${this._from}&to=${this._to}&lang=${this._locale}`} @click=${this._csv}>${w.exportCsv}</a>
          ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : ''}
        </form>
        ${this._loading && !r ? html`<div class="message" role="status">${w.loading}</div>` : ''} ${r ? this._table(r) : ''}
      </main>`;
  }

  private _table(r: Report): TemplateResult {
    const w = this.words;
    const c = w.columns;
    if (r.halls.length === 0) return html`<div class="message">${w.none}</div>`;
    return html`<section class="panel">
        <table>
          <thead>
            <tr>
              <th colspan="2">${c.hall}</th>
              <th class="num">${c.issued}</th>
              <th class="num">${c.served}</th>
              <th class="num">${c.noShowRate}</th>
              <th class="num">${c.waitP50}</th>
              <th class="num">${c.waitP90}</th>
              <th class="num">${c.goodRate}</th>
              <th class="num">${c.badRatings}</th>
              <th class="num">${c.overdueFollowUps}</th>
            </tr>
          </thead>
          <tbody>
            ${r.halls.map(
              (h) => html`<tr data-hall=${h.hallId}>
                <td class="hall-name">${h.name}</td>
                <td class="hall-id">${h.hallId}</td>
                <td class="num" data-figure="issued">${h.issued}</td>
                <td class="num" data-figure="served">${h.served}</td>
                <td class="num" data-figure="no-show-rate">${this._percent(h.noShowRate)}</td>
                <td class="num" data-figure="wait-p50">${this._duration(h.waitP50Seconds)}</td>
                <td class="num" data-figure="wait-p90">${this._duration(h.waitP90Seconds)}</td>
                <td class="num" data-figure="good-rate">${this._percent(h.goodRate)}</td>
                <td class="num" data-figure="bad-ratings">${h.badRatings}</td>
                <td class="num ${h.overdueFollowUps > 0 ? 'overdue' : ''}" data-figure="overdue">${h.overdueFollowUps}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <p class="note">${w.overdueNote}</p>`;
  }

  private _percent(share: number | null): string {
    return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
  }

  /** 45秒, 12分05秒, 1小时20分; a dash for nothing measured. */
  private _duration(seconds: number | null): string {
    if (seconds === null) return '—';
    const d = this.words.duration;
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return fill(d.seconds, { s });
    if (s < 3600) return fill(d.minutes, { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
    return fill(d.hours, { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('from', this._from);
    url.searchParams.set('to', this._to);
    history.replaceState(history.state, '', url);
    void this._load();
  }

  /** The CSV is a file behind the sign-in: fetched with the page's token, then saved under the server's name. */
  private async _csv(e: Event): Promise<void> {
    e.preventDefault();
    const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href')!;
    const res = await fetch(href, { headers: this.session.token ? { authorization: `Bearer ${this.session.token}` } : {} });
    if (!res.ok) {
      const answer = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      this._error = answer?.error?.message ?? String(res.status);
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'halls-report.csv';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-halls-report': QmsHallsReport;
  }
}
