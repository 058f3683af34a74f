/**
 * The console's catalogue section: the hall's service items (事项编码, name, area, department,
 * aliases, enabled), filtered as one types and shown a page at a time so 1,503 items stay quick;
 * an item enabled, disabled or edited in place; and an import of a CSV or XLSX file in two steps —
 * a dry run that shows what would be added, changed and disabled and every problem by line in
 * words, then "apply", which sends the same file with the version the dry run saw (If-Match), so a
 * catalogue someone else changed meanwhile is refused (409) and said so instead of overwritten.
 * An import merges (adds and updates the listed items, keeps the others); disabling the items the
 * file leaves out is a tick box, and applying it asks first, naming how many. Either way back: undo
 * the import just applied, or bring back the catalogue's previous version (from its history).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { CATALOGUE_ALIASES_MAX, CATALOGUE_NAME_MAX, splitAliases, type CatalogueItem } from '../../server/domain/catalogue';
import { messages, type MessageTable } from '../../server/i18n';
import type { ImportResult } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import { baseStyles } from '../shared/page-styles';
import type { AdminContext } from './admin-context';
import { adminPeopleStyles } from './admin-people-styles';
import { adminStyles } from './admin-styles';
import { confirmDialog, openConfirm } from './confirm-dialog';
import { HallConfigController } from './hall-config-controller';

const PAGE_SIZE = 50;
/** Rows of each kind an import's differences list; the counts say the rest. */
const DIFF_ROWS = 100;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface EditForm {
  item: CatalogueItem;
  name: string;
  areaId: string;
  department: string;
  aliases: string;
}

/** What a search matches: code, name, department and aliases, case-insensitive. */
function searchText(item: CatalogueItem): string {
  return [item.code, item.name, item.department ?? '', ...item.aliases].join('\n').toLowerCase();
}

@customElement('qms-admin-catalogue')
export class QmsAdminCatalogue extends LitElement {
  static override styles = [baseStyles, adminStyles, adminPeopleStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  /** For the areas' names. */
  private readonly hall = new HallConfigController(this, () => this.ctx);

  @state() private _catalogue: { version: number; items: CatalogueItem[]; search: string[] } | null = null;
  @state() private _query = '';
  @state() private _onlyDisabled = false;
  @state() private _page = 0;
  @state() private _refusal: string | null = null;
  /** Said in the page's words at render time, so the language switch reaches it. */
  @state() private _done: ((w: MessageTable['adminPeople']) => string) | null = null;
  @state() private _edit: EditForm | null = null;
  @state() private _touched = false;
  @state() private _file: File | null = null;
  @state() private _dryRun: ImportResult | null = null;
  @state() private _importState: 'idle' | 'checking' | 'applying' | 'stale' = 'idle';
  @state() private _importRefusal: string | null = null;
  /** Said in the page's words at render time, so the language switch reaches it. */
  @state() private _importDone: ((w: MessageTable['adminPeople']) => string) | null = null;
  /** Also disable the items the file does not list (整表替换): an explicit choice, confirmed on apply. */
  @state() private _replace = false;
  /** The question pending: disable N items on import, or bring back an earlier version. */
  @state() private _asking: { kind: 'replace'; count: number } | { kind: 'restore'; version: number; from: number } | null = null;
  /** The import just applied, which "undo" takes back: the version it replaced and the one it wrote. */
  @state() private _undoable: { previousVersion: number; version: number } | null = null;

  @query('dialog.edit') private _editDialog!: HTMLDialogElement;
  @query('input[type="file"]') private _fileInput!: HTMLInputElement;

  private get words() {
    return messages(this.ctx?.locale).adminPeople;
  }

  private get _params(): { hallId: string } {
    return { hallId: this.ctx!.hallId };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    if (!this.ctx) return;
    try {
      const { version, items } = await call(this.ctx.api, 'GET /admin/halls/:hallId/catalogue', { params: this._params });
      this._catalogue = { version, items, search: items.map(searchText) };
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
    }
  }

  private get _matches(): CatalogueItem[] {
    const c = this._catalogue;
    if (!c) return [];
    const q = this._query.trim().toLowerCase();
    return c.items.filter((item, i) => (!this._onlyDisabled || !item.enabled) && (q === '' || c.search[i]!.includes(q)));
  }

  private _areaName(areaId: string): string {
    return this.hall.config?.hall.areas.find((a) => a.id === areaId)?.name ?? areaId;
  }

  override render() {
    const c = this.words.catalogue;
    // The import first: short until a file is chosen, and its differences are what one then reads.
    return html`${this._importView()}
      <section class="panel">
        <h2>${c.title}</h2>
        ${
          this._catalogue
            ? html`<p class="intro muted">
              ${c.intro(this._catalogue.items.length, this._catalogue.version)}
              ${
                this._catalogue.version > 1
                  ? html`<button type="button" class="restore-previous" data-action="restore-previous" @click=${() => this._askRestore(this._catalogue!.version - 1, this._catalogue!.version)}>
                    ${c.restorePrevious(this._catalogue.version - 1)}
                  </button>`
                  : nothing
              }
            </p>`
            : nothing
        }
        ${this._done ? html`<p class="done" role="status">${this._done(this.words)}</p>` : nothing}
        ${this._refusal ? html`<p class="refusal" role="alert">${this._refusal}</p>` : nothing} ${this._listView()}
      </section>
      ${this._editView()} ${this._askView()}`;
  }

  override updated(): void {
    openConfirm(this.renderRoot);
  }

  private _askView() {
    const a = this._asking;
    if (!a) return nothing;
    const c = this.words.catalogue;
    return confirmDialog({
      question: a.kind === 'replace' ? c.confirmReplace(a.count) : c.confirmRestore(a.version),
      yes: a.kind === 'replace' ? c.confirmReplaceYes(a.count) : c.restoreYes,
      no: this.words.cancel,
      action: a.kind === 'replace' ? 'confirm-replace' : 'confirm-restore',
      busy: this._importState === 'applying',
      onYes: () => {
        this._asking = null;
        if (a.kind === 'replace') void this._send();
        else void this._restore(a.version, a.from);
      },
      onNo: () => (this._asking = null),
    });
  }

  private _listView() {
    const c = this.words.catalogue;
    if (!this._catalogue) return nothing;
    const matches = this._matches;
    const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    const page = Math.min(this._page, pages - 1);
    const shown = matches.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    return html`<div class="toolbar">
        <label class="grow"
          >${c.search}
          <input
            type="search"
            name="search"
            placeholder=${c.searchHint}
            .value=${this._query}
            @input=${(e: Event) => {
              this._query = (e.target as HTMLInputElement).value;
              this._page = 0;
            }}
        /></label>
        <label class="check"
          ><input
            type="checkbox"
            name="only-disabled"
            .checked=${this._onlyDisabled}
            @change=${(e: Event) => {
              this._onlyDisabled = (e.target as HTMLInputElement).checked;
              this._page = 0;
            }}
          />
          ${c.onlyDisabled}</label
        >
        <span class="found">${c.found(matches.length)}</span>
      </div>
      ${
        shown.length === 0
          ? html`<p class="muted">${c.none}</p>`
          : html`<table class="items">
            <thead>
              <tr>
                <th>${c.code}</th>
                <th>${c.name}</th>
                <th>${c.area}</th>
                <th>${c.department}</th>
                <th>${c.aliases}</th>
                <th>${c.enabled}</th>
                <th>${c.actions}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (item) => html`<tr class=${item.enabled ? '' : 'disabled'} data-code=${item.code}>
                  <td class="mono">${item.code}</td>
                  <td>${item.name}</td>
                  <td>${this._areaName(item.areaId)}</td>
                  <td>${item.department ?? '—'}</td>
                  <td class="aliases" title=${item.aliases.join('、')}>${item.aliases.join('、') || '—'}</td>
                  <td>${item.enabled ? html`<span class="badge">${c.on}</span>` : html`<span class="badge off">${c.off}</span>`}</td>
                  <td class="actions">
                    <button class="edit" @click=${() => this._openEdit(item)}>${this.words.edit}</button>
                    <button class="toggle ${item.enabled ? 'danger' : ''}" @click=${() => this._patch(item, { enabled: !item.enabled })}>${item.enabled ? c.disable : c.enable}</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <div class="pager">
        <button class="prev" ?disabled=${page === 0} @click=${() => (this._page = page - 1)}>${c.prev}</button>
        <span>${matches.length > 0 ? c.page(page * PAGE_SIZE + 1, page * PAGE_SIZE + shown.length, matches.length) : ''}</span>
        <button class="next" ?disabled=${page >= pages - 1} @click=${() => (this._page = page + 1)}>${c.next}</button>
      </div>`;
  }

  private _importView() {
    const c = this.words.catalogue;
    const r = this._dryRun;
    const busy = this._importState === 'checking' || this._importState === 'applying';
    return html`<section class="panel import">
      <h2>${c.import}</h2>
      <p class="intro muted">${c.importIntro}</p>
      <div class="toolbar">
        <!-- The browser's own file button speaks the browser's language: ours speaks the page's. -->
        <label class="file-button ${busy ? 'busy' : ''}"
          >${c.chooseFile}
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,${XLSX_TYPE}" ?disabled=${busy} @change=${this._chosen}
        /></label>
        <span class="file-name">${this._file?.name ?? c.noFile}</span>
        <label class="check replace"
          ><input
            type="checkbox"
            name="replace"
            .checked=${this._replace}
            ?disabled=${busy}
            @change=${(e: Event) => {
              this._replace = (e.target as HTMLInputElement).checked;
              void this._check();
            }}
          />
          ${c.replaceMode}</label
        >
        ${this._importState === 'checking' ? html`<span class="muted">${c.checking}</span>` : nothing}
        ${this._importState === 'applying' ? html`<span class="muted">${c.applying}</span>` : nothing}
      </div>
      <p class="mode-help muted">${this._replace ? c.replaceHelp : c.mergeHelp}</p>
      ${
        this._importDone
          ? html`<p class="done" role="status">
            ${this._importDone(this.words)}
            ${
              this._undoable
                ? html`<button type="button" data-action="undo-import" @click=${() => this._askRestore(this._undoable!.previousVersion, this._undoable!.version)}>${c.undo}</button>`
                : nothing
            }
          </p>`
          : nothing
      }
      ${this._importRefusal ? html`<p class="refusal" role="alert">${this._importRefusal}</p>` : nothing}
      ${
        this._importState === 'stale'
          ? html`<div class="refusal stale" role="alert">${c.stale} <button class="recheck" @click=${() => this._check()}>${c.recheck}</button></div>`
          : nothing
      }
      ${r && this._file ? this._diffView(r, this._file.name, busy) : nothing}
    </section>`;
  }

  private _diffView(r: ImportResult, fileName: string, busy: boolean) {
    const c = this.words.catalogue;
    const nothingToDo = r.counts.added + r.counts.changed + r.counts.disabled === 0;
    return html`<div class="dry-run">
      <h3>${c.dryRunTitle(fileName)}</h3>
      <div class="counts">
        <div class="added">${c.added}<strong>${r.counts.added}</strong></div>
        <div class="changed">${c.changedCount}<strong>${r.counts.changed}</strong></div>
        <div class="disabled">${c.disabledCount}<strong>${r.counts.disabled}</strong></div>
        <div class="problems ${r.counts.problems > 0 ? 'bad' : ''}">${c.problemsCount}<strong>${r.counts.problems}</strong></div>
      </div>
      ${
        r.problems.length > 0
          ? html`<div class="refusal problems-list" role="alert">
            ${c.fixFirst}
            <ul>
              ${r.problems.slice(0, DIFF_ROWS).map((p) => html`<li>${c.problemLine(p.line, c.columns[p.field], p.value, c.problems[p.code])}</li>`)}
            </ul>
            ${r.problems.length > DIFF_ROWS ? c.more(r.problems.length - DIFF_ROWS) : nothing}
          </div>`
          : nothing
      }
      ${
        r.added.length + r.changed.length + r.disabled.length > 0
          ? html`<div class="diff">
            <table>
              <thead>
                <tr>
                  <th></th>
                  <th>${c.code}</th>
                  <th>${c.name}</th>
                  <th>${c.area}</th>
                  <th>${c.department}</th>
                  <th>${c.aliases}</th>
                  <th>${c.enabled}</th>
                </tr>
              </thead>
              <tbody>
                ${r.added.slice(0, DIFF_ROWS).map((i) => this._diffRow(c.added, i))}
                ${r.changed.slice(0, DIFF_ROWS).map((ch) => this._diffRow(c.changedCount, ch.after, ch.before))}
                ${r.disabled.slice(0, DIFF_ROWS).map((i) => this._diffRow(c.disabledCount, i))}
              </tbody>
            </table>
          </div>`
          : nothing
      }
      ${nothingToDo && r.problems.length === 0 ? html`<p class="muted">${c.noChange}</p>` : nothing}
      <div class="buttons">
        <button class="discard" ?disabled=${busy} @click=${this._discard}>${c.discard}</button>
        <button class="primary apply" ?disabled=${busy || r.problems.length > 0 || nothingToDo || this._importState === 'stale'} @click=${this._apply}>${c.apply}</button>
      </div>
    </div>`;
  }

  private _diffRow(kind: string, item: CatalogueItem, before?: CatalogueItem) {
    const c = this.words.catalogue;
    const was = (now: string, then: string | undefined) =>
      before && then !== now ? html`${now || '—'} <span class="muted">${c.was(then || '—')}</span>` : now || '—';
    const status = (i: CatalogueItem) => (i.enabled ? c.on : c.off);
    return html`<tr>
      <td>${kind}</td>
      <td class="mono">${item.code}</td>
      <td>${was(item.name, before?.name)}</td>
      <td>${was(this._areaName(item.areaId), before && this._areaName(before.areaId))}</td>
      <td>${was(item.department ?? '', before ? (before.department ?? '') : undefined)}</td>
      <td>${was(item.aliases.join('、'), before?.aliases.join('、'))}</td>
      <td>${was(status(item), before && status(before))}</td>
    </tr>`;
  }

  private get _editProblems(): { name?: string; aliases?: string } {
    const e = this._edit;
    if (!e) return {};
    const p = this.words.catalogue.problems;
    const name = e.name.trim();
    return {
      ...(name === '' ? { name: p.missing_name } : name.length > CATALOGUE_NAME_MAX ? { name: p.name_too_long } : {}),
      ...(splitAliases(e.aliases).length > CATALOGUE_ALIASES_MAX ? { aliases: p.too_many_aliases } : {}),
    };
  }

  private _editView() {
    const w = this.words;
    const c = w.catalogue;
    const e = this._edit;
    const problems = this._touched ? this._editProblems : {};
    const set = (change: Partial<EditForm>) => (this._edit = this._edit ? { ...this._edit, ...change } : null);
    return html`<dialog class="edit" @close=${() => (this._edit = null)}>
      ${
        e
          ? html`<h2>${c.editTitle(e.item.code)}</h2>
            <form @submit=${this._saveEdit} novalidate>
              <div class="fields">
                <label class="wide"
                  >${c.name}
                  <input name="name" .value=${e.name} aria-invalid=${problems.name ? 'true' : 'false'} @input=${(ev: Event) => set({ name: (ev.target as HTMLInputElement).value })} />
                  ${problems.name ? html`<span class="field-problem">${problems.name}</span>` : nothing}
                </label>
                <label
                  >${c.area}
                  <select name="areaId" @change=${(ev: Event) => set({ areaId: (ev.target as HTMLSelectElement).value })}>
                    ${(this.hall.config?.hall.areas ?? []).map((a) => html`<option value=${a.id} ?selected=${a.id === e.areaId}>${a.name}</option>`)}
                  </select>
                </label>
                <label
                  >${c.department}
                  <input name="department" .value=${e.department} @input=${(ev: Event) => set({ department: (ev.target as HTMLInputElement).value })} />
                </label>
                <label class="wide"
                  >${c.aliasesHint}
                  <input name="aliases" .value=${e.aliases} aria-invalid=${problems.aliases ? 'true' : 'false'} @input=${(ev: Event) => set({ aliases: (ev.target as HTMLInputElement).value })} />
                  ${problems.aliases ? html`<span class="field-problem">${problems.aliases}</span>` : nothing}
                </label>
              </div>
              ${this._refusal ? html`<p class="refusal" role="alert">${this._refusal}</p>` : nothing}
              <div class="buttons">
                <button type="button" @click=${() => this._editDialog.close()}>${w.cancel}</button>
                <button type="submit" class="primary">${w.save}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private async _openEdit(item: CatalogueItem): Promise<void> {
    this._refusal = null;
    this._done = null;
    this._touched = false;
    this._edit = { item, name: item.name, areaId: item.areaId, department: item.department ?? '', aliases: item.aliases.join('、') };
    await this.updateComplete;
    this._editDialog.showModal();
  }

  private async _saveEdit(ev: Event): Promise<void> {
    ev.preventDefault();
    const e = this._edit;
    if (!e) return;
    this._touched = true;
    if (Object.keys(this._editProblems).length > 0) return;
    const ok = await this._patch(e.item, { name: e.name.trim(), areaId: e.areaId, department: e.department.trim() || null, aliases: splitAliases(e.aliases) });
    if (ok) this._editDialog.close();
  }

  private async _patch(item: CatalogueItem, patch: Partial<Omit<CatalogueItem, 'code'>>): Promise<boolean> {
    this._refusal = null;
    this._done = null;
    try {
      await call(this.ctx!.api, 'PATCH /admin/halls/:hallId/catalogue/:code', { params: { ...this._params, code: item.code }, body: patch });
      this._done = (w) => w.catalogue.changed(item.code);
      await this._load();
      return true;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
      return false;
    }
  }

  private _chosen(e: Event): void {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this._file = file;
    void this._check();
  }

  private _contentType(file: File): string {
    return /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE ? XLSX_TYPE : 'text/csv';
  }

  /** The dry run: what this file would change in the catalogue as it is now. */
  private async _check(): Promise<void> {
    const file = this._file;
    if (!file || !this.ctx) return;
    this._importState = 'checking';
    this._importRefusal = null;
    this._dryRun = null;
    this._importDone = null;
    try {
      this._dryRun = await call(this.ctx.api, 'POST /admin/halls/:hallId/catalogue/import', {
        params: this._params,
        query: { dryRun: '1', mode: this._mode },
        body: file,
        contentType: this._contentType(file),
      });
      this._importState = 'idle';
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._importRefusal = err.display;
      this._importState = 'idle';
    }
  }

  private get _mode(): 'merge' | 'replace' {
    return this._replace ? 'replace' : 'merge';
  }

  /** Apply: disabling items is asked first, naming how many. */
  private _apply(): void {
    const checked = this._dryRun;
    if (!checked) return;
    if (checked.mode === 'replace' && checked.counts.disabled > 0) this._asking = { kind: 'replace', count: checked.counts.disabled };
    else void this._send();
  }

  private async _send(): Promise<void> {
    const file = this._file;
    const checked = this._dryRun;
    if (!file || !checked || !this.ctx) return;
    this._importState = 'applying';
    this._importRefusal = null;
    try {
      const result = await call(this.ctx.api, 'POST /admin/halls/:hallId/catalogue/import', {
        params: this._params,
        query: { mode: checked.mode },
        body: file,
        contentType: this._contentType(file),
        ifMatch: checked.version,
      });
      this._discard();
      this._importDone = (w) => w.catalogue.applied(result.counts.added, result.counts.changed, result.counts.disabled);
      this._undoable = { previousVersion: result.previousVersion, version: result.version };
      // Replacing the whole list is chosen for one file at a time.
      this._replace = false;
      await this._load();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      if (err.code === 'version_conflict') {
        this._importState = 'stale';
        await this._load();
        return;
      }
      this._importRefusal = err.display;
      this._importState = 'idle';
    }
  }

  private _askRestore(version: number, from: number): void {
    this._importRefusal = null;
    this._asking = { kind: 'restore', version, from };
  }

  /** Brings back `version`, if the catalogue is still at `from` (else 409: someone changed it since). */
  private async _restore(version: number, from: number): Promise<void> {
    if (!this.ctx) return;
    this._importState = 'applying';
    this._importRefusal = null;
    try {
      const result = await call(this.ctx.api, 'POST /admin/halls/:hallId/catalogue/restore', { params: this._params, body: { version }, ifMatch: from });
      this._undoable = null;
      this._importDone = (w) => w.catalogue.restored(result.restored, result.version);
      this._importState = 'idle';
      await this._load();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._importRefusal = err.display;
      this._importState = 'idle';
      await this._load();
    }
  }

  private _discard(): void {
    this._file = null;
    this._dryRun = null;
    this._importState = 'idle';
    this._importRefusal = null;
    this._importDone = null;
    this._undoable = null;
    if (this._fileInput) this._fileInput.value = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-catalogue': QmsAdminCatalogue;
  }
}
