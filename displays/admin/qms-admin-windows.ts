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
import { HallConfigController, type SaveOutcome } from './hall-config-controller';
import { ListFormConfirm } from './list-form-confirm';

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
  private readonly edit = new ListFormConfirm<Window, WindowDraft>(this);
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
    const pending = this.config.pending(this.words);
    if (pending) return pending;
    const hall = this.config.config!.hall;
    return html`<section>
      <h2>${w.title} <span class="scope">${this.words.fromNowOn}</span></h2>
      <div class="panel scope-note">
        <h3>${w.scopeTitle}</h3>
        <p><span class="scope">${this.words.fromNowOnTag}</span> ${w.scopeConfig}</p>
        <p><span class="scope today">${this.words.todayTag}</span> ${w.scopeManager}</p>
      </div>
      ${this._confirmView()} ${this.edit.outcomeAbove(this.words)} ${this._form(hall)}
      ${this.edit.listPanel(
        html`<th title=${w.numberHelp}>${w.number}</th>
          <th title=${w.idHelp}>${w.id}</th>
          <th>${w.name}</th>
          <th>${w.areas}</th>
          <th>${w.today}</th>
          <th title=${w.selectionHelp}>${w.selection}</th>`,
        [...hall.windows].sort((a, b) => a.number - b.number).map((win) => this._row(hall, win)),
        'add-window',
        () => this._openForm(null),
        this.words,
      )}
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
        ${
          differs
            ? html`${today.map((a) => this._areaName(hall, a)).join('、')} <span class="scope today">${this.words.todayTag}</span>`
            : html`<span class="muted">${today === undefined ? this.words.none : this.words.windows.sameAsConfig}</span>`
        }
      </td>
      <td>${win.selection === 'longest-wait' ? this.words.windows.longestWait : this.words.windows.primaryFirst}</td>
      ${this.edit.rowActions(win, () => this._openForm(win), this.words)}
    </tr>`;
  }

  private _openForm(win: Window | null): void {
    const hall = this.config.config!.hall;
    const next = Math.max(0, ...hall.windows.map((x) => x.number)) + 1;
    this.edit.open(win?.id ?? '', {
      id: win?.id ?? String(next),
      number: String(win?.number ?? next),
      name: win?.name ?? '',
      areaIds: [...(win?.areaIds ?? [])],
      selection: win?.selection ?? 'primary-first',
    });
  }

  private _form(hall: HallDoc): TemplateResult | typeof nothing {
    const { draft: d, editing } = this.edit;
    if (editing === null || !d) return nothing;
    const w = this.words.windows;
    const isNew = editing === '';
    const index = isNew ? hall.windows.length : hall.windows.findIndex((x) => x.id === editing);
    const at = `windows[${index}]`;
    const invalid = (path: string) => this.edit.invalid(`${at}.${path}`);
    const title = isNew ? w.addTitle : fillIn(w.editTitle, { number: d.number });
    const set = (patch: Partial<WindowDraft>) => this.edit.set(patch);
    return html`<form class="panel" aria-label=${title} @submit=${(e: Event) => this._save(e)}>
      <h3>${title}</h3>
      <div>
        <label
          >${w.number}
          <input name="number" type="number" min="1" max="9999" .value=${d.number} aria-describedby="number-help" aria-invalid=${invalid('number')} @input=${(e: Event) => set({ number: (e.target as HTMLInputElement).value })}
          /><span class="help" id="number-help">${w.numberHelp}</span></label
        >
        <label
          >${w.id}
          <input name="id" maxlength="20" ?disabled=${!isNew} .value=${d.id} aria-describedby="id-help" aria-invalid=${invalid('id')} @input=${(e: Event) => set({ id: (e.target as HTMLInputElement).value })}
          /><span class="help" id="id-help">${w.idHelp}</span></label
        >
        <label
          >${w.name}
          <input name="name" maxlength="40" .value=${d.name} aria-invalid=${invalid('name')} @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })}
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
      <fieldset class="areas" aria-invalid=${invalid('areaIds')}>
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
      ${this.edit.formEnd(this.words)}
    </form>`;
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
    const outcome = await this.edit.submit(e, (editing, d) => this.config.save((hall) => this._apply(hall, editing, d)));
    if (outcome?.ok) void this._loadToday();
  }

  private _confirmView(): TemplateResult | typeof nothing {
    return this.edit.confirmView({
      question: (win) => fillIn(this.words.windows.removeConfirm, { number: win.number }),
      yes: this.words.remove,
      no: this.words.cancel,
      action: 'confirm-remove',
      remove: (win) => this._remove(win),
    });
  }

  private async _remove(win: Window): Promise<SaveOutcome> {
    const outcome = await this.config.save((hall) => {
      hall.windows = hall.windows.filter((x) => x.id !== win.id);
      hall.devices = hall.devices.map((dev) => (dev.windowId === win.id ? (({ windowId: _gone, ...rest }) => rest)(dev) : dev));
    });
    if (outcome.ok) void this._loadToday();
    return outcome;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-windows': QmsAdminWindows;
  }
}
