/**
 * The console's windows section: every window with its number, name, the areas it serves and its
 * call order — the configuration, from now on — beside what it serves today. A manager's change
 * of a window's areas (the manager page) is today only: it lives in the day's log and ends at
 * midnight, so where today differs from the configuration the console shows both, today's with a
 * 仅限今日 tag. Add, edit and remove here apply from now on; a refusal (a duplicate number caught
 * by the browser, a window with a clerk refused by the server) is shown in words.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HallDoc } from '../../server/config/hall-schema';
import { fillIn, messages } from '../../server/i18n';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';
import { adminStyles } from './admin-styles';
import { confirmDialog, openConfirm } from './confirm-dialog';
import { HallConfigController, type SaveOutcome } from './hall-config-controller';
import { invalidAt, outcomeView } from './save-outcome-view';

type Window = HallDoc['windows'][number];
type Selection = NonNullable<Window['selection']>;

interface WindowDraft {
  id: string;
  number: string;
  name: string;
  areaIds: string[];
  selection: Selection;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

@customElement('qms-admin-windows')
export class QmsAdminWindows extends LitElement {
  static override styles = adminStyles;

  @property({ attribute: false }) ctx?: AdminContext;

  private readonly config = new HallConfigController(this, () => this.ctx);
  @state() private _editing: string | null = null;
  @state() private _draft: WindowDraft | null = null;
  @state() private _outcome: SaveOutcome | null = null;
  @state() private _busy = false;
  @state() private _removing: Window | null = null;
  /** Each window's areas today (the live day, with the manager's today-only changes). */
  @state() private _today = new Map<string, string[]>();

  private get words() {
    return messages(this.ctx?.locale).adminConsole;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadToday();
  }

  private async _loadToday(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    try {
      const overview = await call(ctx.api, 'GET /halls/:hallId/overview', { params: { hallId: ctx.hallId } });
      this._today = new Map(overview.windows.map((w) => [w.id, w.areaIds]));
    } catch (err) {
      // A retired hall has no live day; the configuration alone is shown.
      if (!(err instanceof ApiFailure)) throw err;
      this._today = new Map();
    }
  }

  override render(): TemplateResult {
    const w = this.words.windows;
    const config = this.config.config;
    if (this.config.loadError) return html`<div class="refusal" role="alert">${this.config.loadError.display}</div>`;
    if (!config) return html`<p class="muted">${this.words.loading}</p>`;
    const hall = config.hall;
    return html`<section>
      <h2>${w.title} <span class="scope">${this.words.fromNowOn}</span></h2>
      <div class="panel scope-note">
        <h3>${w.scopeTitle}</h3>
        <p><span class="scope">${this.words.fromNowOnTag}</span> ${w.scopeConfig}</p>
        <p><span class="scope today">${this.words.todayTag}</span> ${w.scopeManager}</p>
      </div>
      ${this._confirmView()} ${this._editing === null ? outcomeView(this._outcome, this.words) : nothing} ${this._form(hall)}
      <div class="panel">
        <table>
          <thead>
            <tr>
              <th title=${w.numberHelp}>${w.number}</th>
              <th title=${w.idHelp}>${w.id}</th>
              <th>${w.name}</th>
              <th>${w.areas}</th>
              <th>${w.today}</th>
              <th title=${w.selectionHelp}>${w.selection}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${[...hall.windows].sort((a, b) => a.number - b.number).map((win) => this._row(hall, win))}
          </tbody>
        </table>
        <p><button type="button" class="primary" data-action="add-window" @click=${() => this._openForm(null)}>${this.words.add}</button></p>
      </div>
    </section>`;
  }

  private _areaName(hall: HallDoc, id: string): string {
    return hall.areas.find((a) => a.id === id)?.name ?? id;
  }

  private _row(hall: HallDoc, win: Window): TemplateResult {
    const today = this._today.get(win.id);
    const differs = today !== undefined && !sameSet(today, win.areaIds);
    return html`<tr data-window=${win.id}>
      <td>${win.number}</td>
      <td>${win.id}</td>
      <td>${win.name}</td>
      <td>${win.areaIds.map((a) => this._areaName(hall, a)).join('、')}</td>
      <td class="today">
        ${differs
          ? html`${today.map((a) => this._areaName(hall, a)).join('、')} <span class="scope today">${this.words.todayTag}</span>`
          : html`<span class="muted">${today === undefined ? this.words.none : this.words.windows.sameAsConfig}</span>`}
      </td>
      <td>${win.selection === 'longest-wait' ? this.words.windows.longestWait : this.words.windows.primaryFirst}</td>
      <td class="actions">
        <button type="button" data-action="edit" @click=${() => this._openForm(win)}>${this.words.edit}</button>
        <button type="button" class="danger" data-action="remove" @click=${() => this._askRemove(win)}>${this.words.remove}</button>
      </td>
    </tr>`;
  }

  private _openForm(win: Window | null): void {
    const hall = this.config.config!.hall;
    const next = Math.max(0, ...hall.windows.map((x) => x.number)) + 1;
    this._editing = win?.id ?? '';
    this._outcome = null;
    this._removing = null;
    this._draft = {
      id: win?.id ?? String(next),
      number: String(win?.number ?? next),
      name: win?.name ?? '',
      areaIds: [...(win?.areaIds ?? [])],
      selection: win?.selection ?? 'primary-first',
    };
  }

  private _form(hall: HallDoc): TemplateResult | typeof nothing {
    const d = this._draft;
    if (this._editing === null || !d) return nothing;
    const w = this.words.windows;
    const isNew = this._editing === '';
    const index = isNew ? hall.windows.length : hall.windows.findIndex((x) => x.id === this._editing);
    const at = `windows[${index}]`;
    const o = this._outcome;
    const title = isNew ? w.addTitle : fillIn(w.editTitle, { number: d.number });
    const set = (patch: Partial<WindowDraft>) => (this._draft = { ...d, ...patch });
    return html`<form class="panel" aria-label=${title} @submit=${(e: Event) => this._save(e)}>
      <h3>${title}</h3>
      <div>
        <label
          >${w.number}
          <input name="number" type="number" min="1" max="9999" .value=${d.number} aria-describedby="number-help" aria-invalid=${invalidAt(o, `${at}.number`)} @input=${(e: Event) => set({ number: (e.target as HTMLInputElement).value })}
          /><span class="help" id="number-help">${w.numberHelp}</span></label
        >
        <label
          >${w.id}
          <input name="id" maxlength="20" ?disabled=${!isNew} .value=${d.id} aria-describedby="id-help" aria-invalid=${invalidAt(o, `${at}.id`)} @input=${(e: Event) => set({ id: (e.target as HTMLInputElement).value })}
          /><span class="help" id="id-help">${w.idHelp}</span></label
        >
        <label
          >${w.name}
          <input name="name" maxlength="40" .value=${d.name} aria-invalid=${invalidAt(o, `${at}.name`)} @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })}
        /></label>
        <label
          >${w.selection}
          <select name="selection" aria-describedby="selection-help" @change=${(e: Event) => set({ selection: (e.target as HTMLSelectElement).value as Selection })}>
            <option value="primary-first" ?selected=${d.selection === 'primary-first'}>${w.primaryFirst}</option>
            <option value="longest-wait" ?selected=${d.selection === 'longest-wait'}>${w.longestWait}</option>
          </select>
          <span class="help" id="selection-help">${w.selectionHelp}</span></label
        >
      </div>
      <fieldset class="areas" aria-invalid=${invalidAt(o, `${at}.areaIds`)}>
        <legend>${w.areas}</legend>
        ${hall.areas.map(
          (a) => html`<label class="check"
            ><input
              type="checkbox"
              name="areaIds"
              value=${a.id}
              .checked=${d.areaIds.includes(a.id)}
              @change=${(e: Event) => set({ areaIds: (e.target as HTMLInputElement).checked ? [...d.areaIds, a.id] : d.areaIds.filter((x) => x !== a.id) })}
            />${a.name}</label
          >`,
        )}
      </fieldset>
      ${outcomeView(o, this.words)}
      <p>
        <button type="submit" class="primary" ?disabled=${this._busy}>${this._busy ? this.words.saving : this.words.save}</button>
        <button type="button" @click=${() => this._close()}>${this.words.cancel}</button>
      </p>
    </form>`;
  }

  private _close(): void {
    this._editing = null;
    this._draft = null;
  }

  private _apply(hall: HallDoc, editing: string, d: WindowDraft): void {
    const win: Window = {
      id: editing === '' ? d.id.trim() : editing,
      number: d.number.trim() === '' ? Number.NaN : Number(d.number),
      name: d.name.trim(),
      // In the hall's order of areas: the first one is the window's primary area.
      areaIds: hall.areas.map((a) => a.id).filter((id) => d.areaIds.includes(id)),
      selection: d.selection,
    };
    if (editing === '') hall.windows.push(win);
    else hall.windows[hall.windows.findIndex((x) => x.id === editing)] = win;
  }

  private async _save(e: Event): Promise<void> {
    e.preventDefault();
    const d = this._draft;
    const editing = this._editing;
    if (!d || editing === null) return;
    this._busy = true;
    try {
      this._outcome = await this.config.save((hall) => this._apply(hall, editing, d));
    } finally {
      this._busy = false;
    }
    if (this._outcome.ok) {
      this._close();
      void this._loadToday();
    }
  }

  private _askRemove(win: Window): void {
    this._close();
    this._outcome = null;
    this._removing = win;
  }

  private _confirmView(): TemplateResult | typeof nothing {
    const win = this._removing;
    if (!win) return nothing;
    const question = fillIn(this.words.windows.removeConfirm, { number: win.number });
    return confirmDialog({
      question,
      yes: this.words.remove,
      no: this.words.cancel,
      action: 'confirm-remove',
      onYes: () => void this._remove(win),
      onNo: () => (this._removing = null),
    });
  }

  override updated(): void {
    openConfirm(this.renderRoot);
  }

  private async _remove(win: Window): Promise<void> {
    this._removing = null;
    this._outcome = await this.config.save((hall) => {
      hall.windows = hall.windows.filter((x) => x.id !== win.id);
      hall.devices = hall.devices.map((dev) => (dev.windowId === win.id ? (({ windowId: _gone, ...rest }) => rest)(dev) : dev));
    });
    if (this._outcome.ok) void this._loadToday();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-windows': QmsAdminWindows;
  }
}
