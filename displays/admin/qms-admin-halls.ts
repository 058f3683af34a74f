/**
 * The console's halls section. An admin sees every hall (retired ones marked), opens one, adds a
 * hall — the least document that works: a name, the time zone, one area and one window, checked
 * with the server's own rules before it is sent — and retires one after a confirmation. A manager
 * sees their own hall and is told that adding and retiring halls is for administrators.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HallDoc } from '../../server/config/hall-schema';
import { DEFAULT_POLICY } from '../../server/domain/types';
import { fillIn, messages } from '../../server/i18n';
import { ApiFailure } from '../shared/api';
import type { HallSummary } from '../../server/protocol';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { refusedBy, refusedLocally, type SaveOutcome } from './hall-config-controller';
import { ListFormConfirm } from './list-form-confirm';
import { outcomeView } from './save-outcome-view';

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
    windows: [
      {
        id: d.windowNumber.trim(),
        number: d.windowNumber.trim() === '' ? Number.NaN : Number(d.windowNumber),
        name: d.windowName.trim(),
        areaIds: [d.areaId.trim()],
      },
    ],
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

  /** The new hall's form, and the hall whose retirement waits for the answer to the question. */
  private readonly edit = new ListFormConfirm<HallSummary, HallDraft>(this);
  @state() private _done = '';

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
        ${this.isAdmin && this.edit.editing === null ? html`<p><button type="button" class="primary" data-action="add-hall" @click=${() => this._openForm()}>${w.addTitle}</button></p>` : nothing}
      </div>
      ${this._retireView()} ${this._done ? html`<p class="ok" role="status">${this._done}</p>` : nothing}
      ${this.edit.editing === null ? outcomeView(this.edit.outcome?.ok ? null : this.edit.outcome, this.words) : nothing} ${this._form()}
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
        ${
          this.isAdmin && !h.retired
            ? html`<button type="button" class="danger" data-action="retire" @click=${() => this._askRetire(h)}>${w.retire}</button>`
            : nothing
        }
      </td>
    </tr>`;
  }

  private _openHall(hallId: string): void {
    const url = new URL(location.href);
    url.searchParams.set('hall', hallId);
    location.assign(url);
  }

  private _openForm(): void {
    this.edit.open('', { ...EMPTY_DRAFT });
    this._done = '';
  }

  private _form(): TemplateResult | typeof nothing {
    if (this.edit.editing === null || !this.isAdmin) return nothing;
    const w = this.words.halls;
    const field = this.edit.field.bind(this.edit);
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
      ${this.edit.formEnd(this.words)}
    </form>`;
  }

  private async _add(e: Event): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return e.preventDefault();
    await this.edit.submit(e, async (_new, d) => {
      const hall = newHall(d);
      const refused = refusedLocally(hall, ctx.locale);
      if (refused) return refused;
      try {
        const { retired: _retired, ...body } = hall;
        const added = await call(ctx.api, 'POST /admin/halls', { body: { hall: body } });
        this._done = fillIn(this.words.halls.added, { name: added.hall.name });
        ctx.hallsChanged?.();
        return { ok: true };
      } catch (err) {
        if (!(err instanceof ApiFailure)) throw err;
        return refusedBy(err);
      }
    });
  }

  private _askRetire(h: HallSummary): void {
    this._done = '';
    this.edit.askRemove(h, true);
  }

  private _retireView(): TemplateResult | typeof nothing {
    return this.edit.confirmView({
      question: (h) => fillIn(this.words.halls.retireConfirm, { name: h.name }),
      yes: this.words.halls.retireYes,
      no: this.words.cancel,
      action: 'confirm-retire',
      remove: (h) => this._retire(h),
    });
  }

  /** Retires the hall: null when done (the words say so), its refusal otherwise. */
  private async _retire(h: HallSummary): Promise<SaveOutcome | null> {
    const ctx = this.ctx;
    if (!ctx) return null;
    try {
      await call(ctx.api, 'POST /admin/halls/:hallId/retire', { params: { hallId: h.id } });
      this._done = fillIn(this.words.halls.retiredDone, { name: h.name });
      ctx.hallsChanged?.();
      return null;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      return refusedBy(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-halls': QmsAdminHalls;
  }
}
