/**
 * The console's areas section: every area of the hall with its kind (normal, or 办不成事反映窗口
 * where each ticket alerts the duty manager), its ticket prefix, last-ticket time,
 * daily cap, appointment slots and wait thresholds, the number of its services (the catalogue's
 * business) and the windows serving it; add, edit and remove — from now on. A new area must be
 * served by a window, so the form asks which. A refusal (the browser's check or the server's,
 * e.g. an area that still has citizens waiting) is shown in words beside the form.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HallDoc } from '../../server/config/hall-schema';
import { fillIn, messages } from '../../server/i18n';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { HallConfigController, type SaveOutcome } from './hall-config-controller';
import { ListFormConfirm } from './list-form-confirm';

type Area = HallDoc['areas'][number];
/** The form's choice; `normal` is an area without `kind`. */
type AreaKind = 'normal' | NonNullable<Area['kind']>;
const AREA_KINDS: readonly AreaKind[] = ['normal', 'complaint'];

/** The form's fields as typed (numbers stay text until saved, so an empty field means "none"). */
interface AreaDraft {
  id: string;
  name: string;
  prefix: string;
  lastTicketMinutes: string;
  dailyCap: string;
  slotMinutes: string;
  capacity: string;
  warnMinutes: string;
  alertMinutes: string;
  kind: AreaKind;
  /** A new area's first window. */
  windowId: string;
}

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));
/** An empty field is "not set"; anything else is a number (or NaN, which the schema refuses in words). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

@customElement('qms-admin-areas')
export class QmsAdminAreas extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) ctx?: AdminContext;

  private readonly config = new HallConfigController(this, () => this.ctx);
  private readonly edit = new ListFormConfirm<Area, AreaDraft>(this);

  private get words() {
    return messages(this.ctx?.locale).adminConsole;
  }

  override render(): TemplateResult {
    const w = this.words.areas;
    const pending = this.config.pending(this.words);
    if (pending) return pending;
    const hall = this.config.config!.hall;
    return html`<section>
      <h2>${w.title} <span class="scope">${this.words.fromNowOn}</span></h2>
      <p class="muted">${w.intro}</p>
      ${this._confirmView()} ${this.edit.outcomeAbove(this.words)} ${this._form(hall)}
      ${this.edit.listPanel(
        html`<th>${w.id}</th>
          <th>${w.name}</th>
          <th>${w.prefix}</th>
          <th>${w.kind}</th>
          <th>${w.services}</th>
          <th>${w.lastTicket}</th>
          <th>${w.dailyCap}</th>
          <th>${w.slot}</th>
          <th>${w.capacity}</th>
          <th>${w.warn}</th>
          <th>${w.alert}</th>
          <th>${w.windows}</th>`,
        hall.areas.map((a) => this._row(hall, a)),
        'add-area',
        () => this._openForm(null),
        this.words,
      )}
    </section>`;
  }

  private _row(hall: HallDoc, a: Area): TemplateResult {
    const alerts = hall.waitAlerts?.[a.id];
    const windows = hall.windows.filter((win) => win.areaIds.includes(a.id)).map((win) => win.number);
    return html`<tr data-area=${a.id}>
      <td>${a.id}</td>
      <td>${a.name}</td>
      <td>${a.prefix}</td>
      <td class="kind" data-kind=${a.kind ?? 'normal'}>${this.words.areas.kinds[a.kind ?? 'normal']}</td>
      <td>${a.services.length}</td>
      <td>${a.lastTicketMinutes ?? this.words.none}</td>
      <td>${a.dailyCap ?? this.words.areas.unlimited}</td>
      <td>${a.appointments?.slotMinutes ?? this.words.areas.noAppointments}</td>
      <td>${a.appointments?.capacity ?? this.words.none}</td>
      <td>${alerts?.warnMinutes ?? this.words.none}</td>
      <td>${alerts?.alertMinutes ?? this.words.none}</td>
      <td>${windows.join('、') || this.words.none}</td>
      ${this.edit.rowActions(a, () => this._openForm(a), this.words)}
    </tr>`;
  }

  private _openForm(a: Area | null): void {
    const hall = this.config.config!.hall;
    const alerts = a ? hall.waitAlerts?.[a.id] : undefined;
    this.edit.open(a?.id ?? '', {
      id: a?.id ?? '',
      name: a?.name ?? '',
      prefix: a?.prefix ?? '',
      lastTicketMinutes: text(a?.lastTicketMinutes),
      dailyCap: text(a?.dailyCap),
      slotMinutes: text(a?.appointments?.slotMinutes),
      capacity: text(a?.appointments?.capacity),
      warnMinutes: text(alerts?.warnMinutes),
      alertMinutes: text(alerts?.alertMinutes),
      kind: a?.kind ?? 'normal',
      windowId: hall.windows[0]?.id ?? '',
    });
  }

  private _form(hall: HallDoc): TemplateResult | typeof nothing {
    const { draft: d, editing } = this.edit;
    if (editing === null || !d) return nothing;
    const w = this.words.areas;
    const isNew = editing === '';
    const index = isNew ? hall.areas.length : hall.areas.findIndex((a) => a.id === editing);
    const at = `areas[${index}]`;
    const alertsAt = `waitAlerts.${d.id}`;
    const field = this.edit.field.bind(this.edit);
    return html`<form class="panel" aria-label=${isNew ? w.addTitle : fillIn(w.editTitle, { name: d.name })} @submit=${(e: Event) => this._save(e)}>
      <h3>${isNew ? w.addTitle : fillIn(w.editTitle, { name: d.name })}</h3>
      <div>
        ${field('id', w.id, [`${at}.id`], { disabled: !isNew, maxlength: 40 })} ${field('name', w.name, [`${at}.name`], { maxlength: 40 })}
        ${field('prefix', w.prefix, [`${at}.prefix`], { maxlength: 1 })}
        <label
          >${w.kind}
          <select name="kind" title=${w.kindHint} aria-invalid=${this.edit.invalid(`${at}.kind`)} @change=${(e: Event) => this.edit.set({ kind: (e.target as HTMLSelectElement).value as AreaKind })}>
            ${AREA_KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${w.kinds[k]}</option>`)}
          </select></label
        >
        ${
          isNew
            ? html`<label
              >${w.firstWindow}
              <select name="windowId" aria-invalid=${this.edit.invalid(at)} @change=${(e: Event) => this.edit.set({ windowId: (e.target as HTMLSelectElement).value })}>
                ${hall.windows.map((win) => html`<option value=${win.id} ?selected=${win.id === d.windowId}>${win.number} ${win.name}</option>`)}
              </select></label
            >`
            : nothing
        }
      </div>
      ${d.kind === 'complaint' ? html`<p class="muted kind-hint">${w.kindHint}</p>` : nothing}
      <div>
        ${field('lastTicketMinutes', w.lastTicket, [`${at}.lastTicketMinutes`], { type: 'number', min: 0, max: 600 })}
        ${field('dailyCap', w.dailyCap, [`${at}.dailyCap`], { type: 'number', min: 1, max: 100000 })}
        ${field('slotMinutes', w.slot, [`${at}.appointments.slotMinutes`, `${at}.appointments`], { type: 'number', min: 5, max: 240 })}
        ${field('capacity', w.capacity, [`${at}.appointments.capacity`, `${at}.appointments`], { type: 'number', min: 1, max: 1000 })}
        ${field('warnMinutes', w.warn, [`${alertsAt}.warnMinutes`], { type: 'number', min: 1, max: 600 })}
        ${field('alertMinutes', w.alert, [`${alertsAt}.alertMinutes`], { type: 'number', min: 1, max: 600 })}
      </div>
      ${this.edit.formEnd(this.words)}
    </form>`;
  }

  /** The draft written into `hall`: the area itself, its wait thresholds and (new) its first window. */
  private _apply(hall: HallDoc, editing: string, d: AreaDraft): void {
    const isNew = editing === '';
    const old = isNew ? undefined : hall.areas.find((a) => a.id === editing);
    const slot = num(d.slotMinutes);
    const capacity = num(d.capacity);
    const area: Area = {
      id: isNew ? d.id.trim() : editing,
      name: d.name.trim(),
      prefix: d.prefix.trim().toUpperCase(),
      services: old?.services ?? [],
    };
    if (d.kind !== 'normal') area.kind = d.kind;
    if (slot !== undefined || capacity !== undefined) area.appointments = { slotMinutes: slot ?? Number.NaN, capacity: capacity ?? Number.NaN };
    const last = num(d.lastTicketMinutes);
    if (last !== undefined) area.lastTicketMinutes = last;
    const cap = num(d.dailyCap);
    if (cap !== undefined) area.dailyCap = cap;
    if (isNew) {
      hall.areas.push(area);
      hall.windows.find((w) => w.id === d.windowId)?.areaIds.push(area.id);
    } else {
      hall.areas[hall.areas.findIndex((a) => a.id === editing)] = area;
    }
    const warn = num(d.warnMinutes);
    const alert = num(d.alertMinutes);
    const alerts = { ...hall.waitAlerts };
    if (warn === undefined && alert === undefined) delete alerts[area.id];
    else alerts[area.id] = { warnMinutes: warn ?? Number.NaN, alertMinutes: alert ?? Number.NaN };
    hall.waitAlerts = alerts;
  }

  private async _save(e: Event): Promise<void> {
    await this.edit.submit(e, (editing, d) => this.config.save((hall) => this._apply(hall, editing, d)));
  }

  private _confirmView(): TemplateResult | typeof nothing {
    return this.edit.confirmView({
      question: (a) => fillIn(this.words.areas.removeConfirm, { name: a.name }),
      yes: this.words.remove,
      no: this.words.cancel,
      action: 'confirm-remove',
      remove: (a) => this._remove(a),
    });
  }

  private _remove(a: Area): Promise<SaveOutcome> {
    return this.config.save((hall) => {
      hall.areas = hall.areas.filter((x) => x.id !== a.id);
      for (const w of hall.windows) w.areaIds = w.areaIds.filter((id) => id !== a.id);
      if (hall.waitAlerts) delete hall.waitAlerts[a.id];
      if (hall.voice?.zones) for (const z of hall.voice.zones) z.areaIds = z.areaIds.filter((id) => id !== a.id);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-areas': QmsAdminAreas;
  }
}
