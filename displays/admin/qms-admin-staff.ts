/**
 * The console's staff section: the hall's staff accounts (an admin also sees the administrators)
 * with 工号, name, role and status; create, edit, disable / enable (after a confirmation) and reset
 * a password. A new account or a reset shows its one-time password once, large, with the note that
 * it must be changed at first sign-in. An admin may also make a city manager (市级管理员), who belongs
 * to no hall and reads the report across the halls ticked for them. The form checks the rules the server checks
 * (`server/domain/account-rules.ts`) and offers only the roles the signed-in user may give;
 * whatever the server still refuses is shown in words.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { accountProblems, DEVICE_ROLES, HALL_LESS_ROLES, listsHalls, staffRolesFor, type AccountField } from '../../server/domain/account-rules';
import type { Role } from '../../server/domain/types';
import { messages, type MessageTable } from '../../server/i18n';
import type { AccountRow, PatchAccountRequest } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import { baseStyles } from '../shared/page-styles';
import type { AdminContext } from './admin-context';
import { adminPeopleStyles } from './admin-people-styles';
import { adminStyles } from './admin-styles';

interface Form {
  /** The account edited; null: a new one. */
  editing: AccountRow | null;
  id: string;
  name: string;
  staffNo: string;
  role: Role;
  /** A city manager's halls. */
  hallIds: string[];
}

type Confirm = { kind: 'disable' | 'enable' | 'reset' | 'reset-second-factor'; account: AccountRow };

@customElement('qms-admin-staff')
export class QmsAdminStaff extends LitElement {
  static override styles = [baseStyles, adminStyles, adminPeopleStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  @state() private _accounts: AccountRow[] | null = null;
  @state() private _loadError: ApiFailure | null = null;
  @state() private _form: Form | null = null;
  @state() private _touched = false;
  @state() private _refusal: string | null = null;
  /** Said in the page's words at render time, so the language switch reaches it. */
  @state() private _done: ((w: MessageTable['adminPeople']) => string) | null = null;
  @state() private _confirm: Confirm | null = null;
  @state() private _oneTime: { account: AccountRow; password: string } | null = null;
  /** The copy button's outcome, said under the password. */
  @state() private _copied: 'copied' | 'failed' | null = null;
  @state() private _busy = false;

  @query('dialog.form') private _formDialog!: HTMLDialogElement;
  @query('dialog.confirm') private _confirmDialog!: HTMLDialogElement;
  @query('dialog.one-time') private _oneTimeDialog!: HTMLDialogElement;

  private get words() {
    return messages(this.ctx?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    try {
      // The system administrator manages city managers, the security administrator the administrators: neither belongs to a hall.
      const { accounts } = await call(ctx.api, 'GET /admin/accounts', { query: ctx.user.hallId === null ? {} : { hallId: ctx.hallId } });
      // Administrators and city managers belong to no hall: every hall's list shows them.
      this._accounts = accounts.filter((a) => !DEVICE_ROLES.has(a.role) && (a.hallId === ctx.hallId || HALL_LESS_ROLES.has(a.role)));
      this._loadError = null;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._loadError = err;
    }
  }

  private get _roles(): Role[] {
    return this.ctx ? staffRolesFor(this.ctx.user, this.ctx.hallId) : [];
  }

  override render() {
    const w = this.words.adminPeople;
    const s = w.staff;
    if (!this.ctx) return nothing;
    return html`<section class="panel">
        <h2>${s.title}</h2>
        <p class="intro muted">${s.intro}</p>
        <div class="toolbar">
          <button class="primary create" @click=${() => this._openForm(null)}>${s.create}</button>
          <span class="grow"></span>
        </div>
        ${this._done ? html`<p class="done" role="status">${this._done(this.words.adminPeople)}</p>` : nothing}
        ${this._refusal && !this._form ? html`<p class="refusal" role="alert">${this._refusal}</p>` : nothing}
        ${this._loadError ? html`<p class="refusal" role="alert">${this._loadError.display}</p>` : nothing} ${this._table()}
      </section>
      ${this._formView()} ${this._confirmView()} ${this._oneTimeView()}`;
  }

  private _table() {
    const w = this.words.adminPeople;
    const s = w.staff;
    if (!this._accounts) return nothing;
    if (this._accounts.length === 0) return html`<p class="muted">${s.none}</p>`;
    return html`<table class="accounts">
      <thead>
        <tr>
          <th>${s.staffNo}</th>
          <th>${s.name}</th>
          <th>${s.id}</th>
          <th>${s.role}</th>
          <th>${s.status}</th>
          <th>${s.actions}</th>
        </tr>
      </thead>
      <tbody>
        ${this._accounts.map(
          (a) => html`<tr class=${a.disabled ? 'disabled' : ''} data-id=${a.id}>
            <td class="mono">${a.staffNo ?? '—'}</td>
            <td>${a.name}</td>
            <td class="mono">${a.id}</td>
            <td>${w.roles[a.role]}${listsHalls(a.role) ? html`<span class="halls muted">（${a.hallIds.map((h) => this._hallName(h)).join('、')}）</span>` : nothing}</td>
            <td>
              ${a.disabled ? html`<span class="badge off">${s.disabled}</span>` : html`<span class="badge">${s.enabled}</span>`}
              ${a.mustChangePassword ? html`<span class="badge warn">${s.mustChange}</span>` : nothing}
              ${a.secondFactor ? html`<span class="badge second-factor">${s.secondFactorOn}</span>` : nothing}
            </td>
            <td class="actions">
              ${
                a.id === this.ctx?.user.id
                  ? nothing
                  : html`<button class="edit" @click=${() => this._openForm(a)}>${w.edit}</button>
                    <button class="toggle ${a.disabled ? '' : 'danger'}" @click=${() => this._ask({ kind: a.disabled ? 'enable' : 'disable', account: a })}>
                      ${a.disabled ? s.enable : s.disable}
                    </button>
                    <button class="reset" @click=${() => this._ask({ kind: 'reset', account: a })}>${s.resetPassword}</button>
                    ${
                      this.ctx?.user.role === 'security_admin' && a.secondFactor
                        ? html`<button class="reset-second-factor danger" @click=${() => this._ask({ kind: 'reset-second-factor', account: a })}>${s.resetSecondFactor}</button>`
                        : nothing
                    }`
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private get _problems(): Map<AccountField, string> {
    const out = new Map<AccountField, string>();
    const f = this._form;
    if (!f || !this.ctx) return out;
    const words = this.words.adminPeople.staff.problems;
    const input = { name: f.name.trim(), staffNo: f.staffNo.trim() || null, role: f.role, hallId: this.ctx.hallId, hallIds: f.hallIds };
    for (const p of accountProblems(this.ctx.user, f.editing ? input : { ...input, id: f.id.trim() }))
      if (!out.has(p.field)) out.set(p.field, words[p.problem]);
    return out;
  }

  private _formView() {
    const w = this.words.adminPeople;
    const s = w.staff;
    const f = this._form;
    const problems = this._problems;
    const shown = (field: AccountField) => (this._touched ? problems.get(field) : undefined);
    const problem = (field: AccountField) => (shown(field) ? html`<span class="field-problem">${shown(field)}</span>` : nothing);
    // A role the user may not give (an admin's account seen by… nobody else) stays shown, not offered.
    const roles = f && !this._roles.includes(f.role) ? [f.role, ...this._roles] : this._roles;
    return html`<dialog class="form" @close=${() => (this._form = null)}>
      ${
        f
          ? html`<h2>${f.editing ? s.editTitle(f.editing.id) : s.createTitle}</h2>
            <form @submit=${this._submit} novalidate>
              <div class="fields">
                <label
                  >${s.id}
                  <input name="id" .value=${f.id} ?disabled=${f.editing !== null} aria-invalid=${shown('id') ? 'true' : 'false'} @input=${(e: Event) => this._set({ id: (e.target as HTMLInputElement).value })} />
                  ${problem('id')}
                </label>
                <label
                  >${s.staffNo}
                  <input name="staffNo" .value=${f.staffNo} aria-invalid=${shown('staffNo') ? 'true' : 'false'} @input=${(e: Event) => this._set({ staffNo: (e.target as HTMLInputElement).value })} />
                  ${problem('staffNo')}
                </label>
                <label
                  >${s.name}
                  <input name="name" .value=${f.name} aria-invalid=${shown('name') ? 'true' : 'false'} @input=${(e: Event) => this._set({ name: (e.target as HTMLInputElement).value })} />
                  ${problem('name')}
                </label>
                <label
                  >${s.role}
                  <select name="role" aria-invalid=${shown('role') ? 'true' : 'false'} @change=${(e: Event) => this._set({ role: (e.target as HTMLSelectElement).value as Role })}>
                    ${roles.map((r) => html`<option value=${r} ?selected=${r === f.role}>${w.roles[r]}</option>`)}
                  </select>
                  ${problem('role')}
                </label>
                ${
                  listsHalls(f.role)
                    ? html`<fieldset class="hall-ids" aria-invalid=${shown('hallIds') ? 'true' : 'false'}>
                      <legend>${s.hallIds}</legend>
                      ${(this.ctx?.halls ?? [])
                        .filter((h) => !h.retired)
                        .map(
                          (h) => html`<label class="check"
                          ><input type="checkbox" name="hallIds" value=${h.id} .checked=${f.hallIds.includes(h.id)} @change=${(e: Event) => this._toggleHall(h.id, (e.target as HTMLInputElement).checked)} />
                          ${h.name}</label
                        >`,
                        )}
                      ${problem('hallIds')}
                    </fieldset>`
                    : nothing
                }
              </div>
              ${this._refusal ? html`<p class="refusal" role="alert">${this._refusal}</p>` : nothing}
              <div class="buttons">
                <button type="button" @click=${() => this._formDialog.close()}>${w.cancel}</button>
                <button type="submit" class="primary" ?disabled=${this._busy}>${w.save}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private _confirmView() {
    const s = this.words.adminPeople.staff;
    const c = this._confirm;
    const text = !c
      ? ''
      : c.kind === 'disable'
        ? s.confirmDisable(c.account.name)
        : c.kind === 'enable'
          ? s.confirmEnable(c.account.name)
          : c.kind === 'reset-second-factor'
            ? s.confirmResetSecondFactor(c.account.name)
            : s.confirmReset(c.account.name);
    return html`<dialog class="confirm" @close=${() => (this._confirm = null)}>
      <p>${text}</p>
      <div class="buttons">
        <button type="button" @click=${() => this._confirmDialog.close()}>${this.words.adminPeople.cancel}</button>
        <button type="button" class="primary yes" ?disabled=${this._busy} @click=${this._confirmed}>${s.confirm}</button>
      </div>
    </dialog>`;
  }

  private _oneTimeView() {
    const s = this.words.adminPeople.staff;
    const o = this._oneTime;
    return html`<dialog class="one-time" @close=${() => (this._oneTime = null)}>
      ${
        o
          ? html`<h2>${s.oneTimeTitle(o.account.name, o.account.id)}</h2>
            <div class="secret" aria-label=${s.oneTimeTitle(o.account.name, o.account.id)}>${o.password}</div>
            <p class="note">${s.oneTimeNote}</p>
            <p class="muted alphabet">${s.oneTimeAlphabet}</p>
            ${this._copied ? html`<p class="done copied" role="status">${this._copied === 'copied' ? s.copied : s.copyFailed}</p>` : nothing}
            <div class="buttons">
              <button type="button" class="copy" @click=${() => void this._copy(o.password)}>${s.copy}</button>
              <button type="button" class="print" @click=${() => this._print(o.account, o.password)}>${s.print}</button>
              <button class="primary" @click=${() => this._oneTimeDialog.close()}>${s.oneTimeDone}</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }

  private async _openForm(account: AccountRow | null): Promise<void> {
    this._refusal = null;
    this._done = null;
    this._touched = false;
    this._form = account
      ? { editing: account, id: account.id, name: account.name, staffNo: account.staffNo ?? '', role: account.role, hallIds: [...account.hallIds] }
      : { editing: null, id: '', name: '', staffNo: '', role: this._roles[0] ?? 'clerk', hallIds: [] };
    await this.updateComplete;
    this._formDialog.showModal();
  }

  private _set(change: Partial<Form>): void {
    if (!this._form) return;
    const next = { ...this._form, ...change };
    // Made a city manager: the hall the console is open on is ticked to start with.
    if (change.role && listsHalls(change.role) && next.hallIds.length === 0 && this.ctx) next.hallIds = [this.ctx.hallId];
    this._form = next;
  }

  private _toggleHall(hallId: string, on: boolean): void {
    if (!this._form) return;
    const ids = this._form.hallIds.filter((h) => h !== hallId);
    this._set({ hallIds: on ? [...ids, hallId] : ids });
  }

  private _hallName(hallId: string): string {
    return this.ctx?.halls?.find((h) => h.id === hallId)?.name ?? hallId;
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const f = this._form;
    const ctx = this.ctx;
    if (!f || !ctx) return;
    this._touched = true;
    if (this._problems.size > 0) return;
    const name = f.name.trim();
    const staffNo = f.staffNo.trim() || null;
    const hallId = HALL_LESS_ROLES.has(f.role) ? null : ctx.hallId;
    const hallIds = listsHalls(f.role) ? f.hallIds : [];
    await this._act(async () => {
      if (!f.editing) {
        const created = await call(ctx.api, 'POST /admin/accounts', {
          body: { id: f.id.trim(), name, role: f.role, hallId, staffNo, ...(hallIds.length > 0 ? { hallIds } : {}) },
        });
        this._formDialog.close();
        this._done = (w) => w.staff.created(created.account.id);
        await this._showOneTime(created.account, created.oneTimePassword);
      } else {
        const a = f.editing;
        const patch: PatchAccountRequest = {};
        if (name !== a.name) patch.name = name;
        if (staffNo !== a.staffNo) patch.staffNo = staffNo;
        if (f.role !== a.role || hallIds.join() !== a.hallIds.join()) Object.assign(patch, { role: f.role, hallId, hallIds });
        if (Object.keys(patch).length > 0) await call(ctx.api, 'PATCH /admin/accounts/:id', { params: { id: a.id }, body: patch });
        this._formDialog.close();
        this._done = (w) => w.staff.changed(a.id);
      }
    });
  }

  private async _ask(confirm: Confirm): Promise<void> {
    this._refusal = null;
    this._done = null;
    this._confirm = confirm;
    await this.updateComplete;
    this._confirmDialog.showModal();
  }

  private async _confirmed(): Promise<void> {
    const c = this._confirm;
    const ctx = this.ctx;
    if (!c || !ctx) return;
    const params = { id: c.account.id };
    await this._act(async () => {
      if (c.kind === 'reset') {
        const { oneTimePassword } = await call(ctx.api, 'POST /admin/accounts/:id/reset-password', { params });
        this._confirmDialog.close();
        await this._showOneTime(c.account, oneTimePassword);
      } else if (c.kind === 'reset-second-factor') {
        await call(ctx.api, 'POST /admin/accounts/:id/reset-second-factor', { params });
        this._confirmDialog.close();
        this._done = (w) => w.staff.secondFactorResetDone(c.account.id);
      } else {
        await call(ctx.api, `POST /admin/accounts/:id/${c.kind}`, { params });
        this._confirmDialog.close();
        this._done = (w) => (c.kind === 'disable' ? w.staff.disabledDone(c.account.id) : w.staff.enabledDone(c.account.id));
      }
    });
    // A refusal is shown beside the table, not in the closed question.
    this._confirmDialog.close();
  }

  /** Runs a change, shows a refusal in words, and reloads the table either way. */
  private async _act(change: () => Promise<void>): Promise<void> {
    this._busy = true;
    this._refusal = null;
    try {
      await change();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
    } finally {
      this._busy = false;
      await this._load();
    }
  }

  /** Copies the password to the clipboard; where the browser refuses, selects it for Ctrl+C. */
  private async _copy(password: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(password);
      this._copied = 'copied';
    } catch {
      const secret = this.renderRoot.querySelector('dialog.one-time .secret');
      if (secret) getSelection()?.selectAllChildren(secret);
      this._copied = 'failed';
    }
  }

  /** A slip of its own to print and hand over: who, the password, the note; nothing else of the console. */
  private _print(account: AccountRow, password: string): void {
    const s = this.words.adminPeople.staff;
    const slip = window.open('', '_blank', 'width=600,height=500');
    if (!slip) return;
    const doc = slip.document;
    doc.documentElement.lang = this.ctx?.locale ?? 'zh-CN';
    doc.title = s.oneTimeTitle(account.name, account.id);
    const style = doc.createElement('style');
    style.textContent =
      'body{font-family:sans-serif;margin:2rem;color:#000}h1{font-size:1.4rem}.secret{font:700 2.4rem "DejaVu Sans Mono",monospace;letter-spacing:.2em;border:2px solid #000;padding:1rem;text-align:center;margin:1rem 0}';
    const main = doc.createElement('main');
    const heading = doc.createElement('h1');
    heading.textContent = s.oneTimeTitle(account.name, account.id);
    const secret = doc.createElement('div');
    secret.className = 'secret';
    secret.textContent = password;
    const note = doc.createElement('p');
    note.textContent = s.oneTimeNote;
    main.append(heading, secret, note);
    doc.head.append(style);
    doc.body.replaceChildren(main);
    slip.focus();
    slip.print();
  }

  private async _showOneTime(account: AccountRow, password: string): Promise<void> {
    this._copied = null;
    this._oneTime = { account, password };
    await this.updateComplete;
    this._oneTimeDialog.showModal();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-staff': QmsAdminStaff;
  }
}
