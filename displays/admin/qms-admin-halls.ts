/**
 * The console's halls section. An admin sees every hall (retired ones marked), opens one, adds a
 * hall — the least document that works: a name, the time zone, one area and one window, checked
 * with the server's own rules before it is sent — and retires one after a confirmation. A manager
 * sees their own hall and is told that adding and retiring halls is for administrators.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkHallDoc, type HallDoc } from '../../server/config/hall-schema';
import { DEFAULT_POLICY } from '../../server/domain/types';
import { fillIn, hallProblemText, messages } from '../../server/i18n';
import { ApiFailure, messageFor } from '../shared/api';
import type { HallSummary } from '../../server/protocol';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { confirmDialog, openConfirm } from './confirm-dialog';
import type { SaveOutcome } from './hall-config-controller';
import { invalidAt, outcomeView } from './save-outcome-view';

interface HallDraft {
  id: string;
  name: string;
  timezone: string;
  areaId: string;
  areaName: string;
  prefix: string;
  windowNumber: string;
  windowName: string;
}

const EMPTY_DRAFT: HallDraft = { id: '', name: '', timezone: 'Asia/Shanghai', areaId: '', areaName: '', prefix: 'A', windowNumber: '1', windowName: '' };

/** A new hall's document: one area, one window, the usual working day, the official holidays. */
function newHall(d: HallDraft): HallDoc {
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    timezone: d.timezone.trim(),
    areas: [{ id: d.areaId.trim(), name: d.areaName.trim(), prefix: d.prefix.trim().toUpperCase(), services: [] }],
    windows: [{ id: d.windowNumber.trim(), number: d.windowNumber.trim() === '' ? Number.NaN : Number(d.windowNumber), name: d.windowName.trim(), areaIds: [d.areaId.trim()] }],
    policy: { ...DEFAULT_POLICY },
    calendar: {
      workday: [
        { kind: 'regular', start: '09:00', end: '12:00' },
        { kind: 'regular', start: '13:30', end: '17:00' },
      ],
      weekly: [],
      holidays: [],
      makeupWorkdays: [],
      officialHolidays: true,
    },
    devices: [],
    retired: false,
  };
}

@customElement('qms-admin-halls')
export class QmsAdminHalls extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) ctx?: AdminContext;

  @state() private _draft: HallDraft | null = null;
  @state() private _outcome: SaveOutcome | null = null;
  @state() private _done = '';
  @state() private _retiring: HallSummary | null = null;
  @state() private _busy = false;

  private get words() {
    return messages(this.ctx?.locale).adminConsole;
  }

  private get isAdmin(): boolean {
    return this.ctx?.user.role === 'admin';
  }

  override render(): TemplateResult {
    const w = this.words.halls;
    const halls = this.ctx?.halls ?? [];
    return html`<section>
      <h2>${w.title}</h2>
      <p class="muted">${this.isAdmin ? w.intro : w.managerOnly}</p>
      <div class="panel">
        <table>
          <thead>
            <tr>
              <th>${w.id}</th>
              <th>${w.name}</th>
              ${this.isAdmin ? html`<th>${w.version}</th>` : nothing}
              <th>${w.status}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${halls.map((h) => this._row(h))}
          </tbody>
        </table>
        ${this.isAdmin && !this._draft ? html`<p><button type="button" class="primary" data-action="add-hall" @click=${() => this._openForm()}>${w.addTitle}</button></p>` : nothing}
      </div>
      ${this._retireView()} ${this._done ? html`<p class="ok" role="status">${this._done}</p>` : nothing}
      ${!this._draft ? outcomeView(this._outcome?.ok ? null : this._outcome, this.words) : nothing} ${this._form()}
    </section>`;
  }

  private _row(h: HallSummary): TemplateResult {
    const w = this.words.halls;
    const here = h.id === this.ctx?.hallId;
    return html`<tr data-hall=${h.id} class=${h.retired ? 'retired' : ''}>
      <td>${h.id}</td>
      <td>${h.name}</td>
      ${this.isAdmin ? html`<td>${h.version}</td>` : nothing}
      <td>${h.retired ? html`<span class="scope today">${w.retired}</span>` : html`<span class="scope">${w.active}</span>`}</td>
      <td class="actions">
        ${here ? nothing : html`<button type="button" data-action="open" @click=${() => this._openHall(h.id)}>${w.open}</button>`}
        ${this.isAdmin && !h.retired
          ? html`<button type="button" class="danger" data-action="retire" @click=${() => this._askRetire(h)}>${w.retire}</button>`
          : nothing}
      </td>
    </tr>`;
  }

  private _openHall(hallId: string): void {
    const url = new URL(location.href);
    url.searchParams.set('hall', hallId);
    location.assign(url);
  }

  private _openForm(): void {
    this._draft = { ...EMPTY_DRAFT };
    this._outcome = null;
    this._done = '';
  }

  private _form(): TemplateResult | typeof nothing {
    const d = this._draft;
    if (!d || !this.isAdmin) return nothing;
    const w = this.words.halls;
    const o = this._outcome;
    const field = (key: keyof HallDraft, label: string, paths: string[], attrs: { type?: string; maxlength?: number } = {}) =>
      html`<label
        >${label}
        <input
          name=${key}
          type=${attrs.type ?? 'text'}
          maxlength=${attrs.maxlength ?? nothing}
          .value=${d[key]}
          aria-invalid=${invalidAt(o, ...paths)}
          @input=${(e: Event) => (this._draft = { ...d, [key]: (e.target as HTMLInputElement).value })}
      /></label>`;
    return html`<form class="panel" aria-label=${w.addTitle} @submit=${(e: Event) => this._add(e)}>
      <h3>${w.addTitle}</h3>
      <p class="muted">${w.addIntro}</p>
      <div>
        ${field('id', w.id, ['id'], { maxlength: 40 })} ${field('name', w.name, ['name'], { maxlength: 60 })}
        ${field('timezone', w.timezone, ['timezone'])}
      </div>
      <div>
        ${field('areaId', w.areaId, ['areas[0].id', 'windows[0].areaIds'], { maxlength: 40 })} ${field('areaName', w.areaName, ['areas[0].name'], { maxlength: 40 })}
        ${field('prefix', w.prefix, ['areas[0].prefix'], { maxlength: 1 })}
        ${field('windowNumber', w.windowNumber, ['windows[0].number', 'windows[0].id'], { type: 'number' })}
        ${field('windowName', w.windowName, ['windows[0].name'], { maxlength: 40 })}
      </div>
      ${outcomeView(o, this.words)}
      <p>
        <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? this.words.saving : this.words.save}</button>
        <button type="button" @click=${() => (this._draft = null)}>${this.words.cancel}</button>
      </p>
    </form>`;
  }

  private async _add(e: Event): Promise<void> {
    e.preventDefault();
    const ctx = this.ctx;
    const d = this._draft;
    if (!ctx || !d) return;
    const hall = newHall(d);
    const locale = ctx.locale;
    const found = checkHallDoc(hall);
    if (found.length > 0) {
      const problems = found.map((p) => hallProblemText(p, locale));
      const failure = new ApiFailure(400, 'invalid_config', messageFor('invalid_config', locale), problems.join('; '), found.map((p, i) => ({ path: p.path, message: problems[i]! })));
      this._outcome = { ok: false, stale: false, failure, problems, paths: found.map((p) => p.path), local: true };
      return;
    }
    this._busy = true;
    try {
      const { retired: _retired, ...body } = hall;
      const added = await call(ctx.api, 'POST /admin/halls', { body: { hall: body } });
      this._outcome = { ok: true };
      this._draft = null;
      this._done = fillIn(this.words.halls.added, { name: added.hall.name });
      ctx.hallsChanged?.();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      const problems = err.problems.length > 0 ? err.problems.map((p) => p.message) : [err.display];
      this._outcome = { ok: false, stale: false, failure: err, problems, paths: err.problems.map((p) => p.path), local: false };
    } finally {
      this._busy = false;
    }
  }

  private _askRetire(h: HallSummary): void {
    this._retiring = h;
    this._done = '';
    this._outcome = null;
  }

  private _retireView(): TemplateResult | typeof nothing {
    const h = this._retiring;
    if (!h) return nothing;
    const question = fillIn(this.words.halls.retireConfirm, { name: h.name });
    return confirmDialog({
      question,
      yes: this.words.halls.retireYes,
      no: this.words.cancel,
      action: 'confirm-retire',
      onYes: () => void this._retire(h),
      onNo: () => (this._retiring = null),
    });
  }

  override updated(): void {
    openConfirm(this.renderRoot);
  }

  private async _retire(h: HallSummary): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    this._retiring = null;
    try {
      await call(ctx.api, 'POST /admin/halls/:hallId/retire', { params: { hallId: h.id } });
      this._done = fillIn(this.words.halls.retiredDone, { name: h.name });
      ctx.hallsChanged?.();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._outcome = { ok: false, stale: false, failure: err, problems: [err.display], paths: [], local: false };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-halls': QmsAdminHalls;
  }
}
