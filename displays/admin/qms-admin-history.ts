/**
 * The console's change history: who changed which document of the hall, when (in hall time), and
 * what — the changed fields only, before → after, never a raw JSON dump. Credential documents are
 * never listed (the server leaves them out). A date range narrows it; the last week by default.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { addDays, localDate, toLocalIso } from '../../server/domain/time';
import { fillIn, messages } from '../../server/i18n';
import type { ChangeEntry, ChangesQuery } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { docDiff } from './doc-diff';
import { HallConfigController } from './hall-config-controller';

/** More lines than this per change are summed up ("12 more changes"). */
const LINES_SHOWN = 12;
const FALLBACK_ZONE = 'Asia/Shanghai';

@customElement('qms-admin-history')
export class QmsAdminHistory extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) ctx?: AdminContext;

  /** For the hall's time zone: days and times are the hall's, whatever the PC's zone. */
  private readonly config = new HallConfigController(this, () => this.ctx);
  @state() private _from = '';
  @state() private _to = '';
  @state() private _changes: ChangeEntry[] | null = null;
  @state() private _error: ApiFailure | null = null;

  private get words() {
    return messages(this.ctx?.locale).adminConsole;
  }

  private get zone(): string {
    return this.config.config?.hall.timezone ?? FALLBACK_ZONE;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const today = localDate(Date.now(), this.zone);
    this._to = today;
    this._from = addDays(today, -6);
    void this._load();
  }

  private async _load(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    const offset = toLocalIso(Date.now(), this.zone).slice(-6);
    const query: ChangesQuery = { hallId: ctx.hallId };
    if (this._from) query.from = `${this._from}T00:00:00${offset}`;
    if (this._to) query.to = `${this._to}T23:59:59.999${offset}`;
    try {
      this._changes = (await call(ctx.api, 'GET /admin/changes', { query })).changes.reverse();
      this._error = null;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._error = err;
    }
  }

  override render(): TemplateResult {
    const w = this.words.history;
    return html`<section>
      <h2>${w.title}</h2>
      <p class="muted">${w.intro}</p>
      <form class="panel range" @submit=${(e: Event) => (e.preventDefault(), void this._load())}>
        <label>${w.from} <input type="date" name="from" .value=${this._from} @input=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} /></label>
        <label>${w.to} <input type="date" name="to" .value=${this._to} @input=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} /></label>
        <button type="submit" class="primary">${w.show}</button>
      </form>
      ${this._error ? html`<div class="refusal" role="alert">${this._error.display}</div>` : nothing} ${this._list()}
    </section>`;
  }

  private _list(): TemplateResult {
    const w = this.words.history;
    if (this._changes === null) return html`<p class="muted">${this.words.loading}</p>`;
    if (this._changes.length === 0) return html`<p class="muted">${w.empty}</p>`;
    return html`<div class="panel">
      <table class="history">
        <thead>
          <tr>
            <th>${w.when}</th>
            <th>${w.who}</th>
            <th>${w.what}</th>
            <th>${w.changes}</th>
          </tr>
        </thead>
        <tbody>
          ${this._changes.map((c) => this._row(c))}
        </tbody>
      </table>
    </div>`;
  }

  private _row(c: ChangeEntry): TemplateResult {
    const w = this.words.history;
    const kind = c.key.split(':')[0] as keyof typeof w.docs;
    const doc = w.docs[kind] ?? c.key;
    const when = toLocalIso(Date.parse(c.at), this.zone).slice(0, 19).replace('T', ' ');
    const lines = c.before === null ? [] : docDiff(c.before, c.after);
    return html`<tr data-version=${c.version} data-key=${c.key}>
      <td class="when">${when}</td>
      <td>${c.by}</td>
      <td>${doc}<br /><span class="muted">${fillIn(w.version, { n: c.version })}</span></td>
      <td>
        ${
          c.before === null
            ? html`<span class="scope">${w.created}</span>`
            : lines.length === 0
              ? html`<span class="muted">${w.unchanged}</span>`
              : html`<ul class="diff">
                ${lines.slice(0, LINES_SHOWN).map(
                  (l) =>
                    html`<li>
                      <code>${l.path}</code>: ${l.before === undefined ? html`<span class="muted">${this.words.none}</span>` : html`<del>${l.before}</del>`} →
                      ${l.after === undefined ? html`<span class="muted">${this.words.none}</span>` : html`<ins>${l.after}</ins>`}
                    </li>`,
                )}
                ${lines.length > LINES_SHOWN ? html`<li class="muted">${fillIn(w.more, { n: lines.length - LINES_SHOWN })}</li>` : nothing}
              </ul>`
        }
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-history': QmsAdminHistory;
  }
}
