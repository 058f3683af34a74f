/**
 * The console's devices section: the hall document's kiosks, displays and rating pads — a window
 * for a display or rating pad, a printer address for a kiosk — added, changed and removed through
 * the hall's configuration (`HallConfigController`, If-Match), each with its sign-in account kept
 * alongside (a new device gets one, a removed device's is disabled, so its token ends). Per device:
 * a pairing code (6 digits and until when, to type on the device) and, for a kiosk with a printer,
 * a printer test whose failure is said in words.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { deviceProblems, type DeviceKind } from '../../server/domain/device-rules';
import { messages, type MessageTable } from '../../server/i18n';
import type { HallConfig } from '../../server/protocol';
import { ApiFailure } from '../shared/api';
import { call } from '../shared/api-routes';
import { baseStyles } from '../shared/page-styles';
import type { AdminContext } from './admin-context';
import { adminPeopleStyles } from './admin-people-styles';
import { adminStyles } from './admin-styles';
import { HallConfigController } from './hall-config-controller';

/** A kiosk, display or rating pad of the hall document. */
type Device = HallConfig['hall']['devices'][number];

interface Form {
  editing: Device | null;
  id: string;
  kind: DeviceKind;
  windowId: string;
  printer: string;
}

const KINDS: readonly DeviceKind[] = ['kiosk', 'display', 'rating'];

@customElement('qms-admin-devices')
export class QmsAdminDevices extends LitElement {
  static override styles = [baseStyles, adminStyles, adminPeopleStyles];

  @property({ attribute: false }) ctx?: AdminContext;

  private readonly hall = new HallConfigController(this, () => this.ctx);

  @state() private _form: Form | null = null;
  @state() private _touched = false;
  @state() private _refusal: string | null = null;
  /** Said in the page's words at render time, so the language switch reaches it. */
  @state() private _done: ((w: MessageTable['adminPeople']) => string) | null = null;
  @state() private _remove: Device | null = null;
  @state() private _pairing: { id: string; code: string; until: string } | null = null;
  @state() private _printing: string | null = null;
  @state() private _busy = false;

  @query('dialog.form') private _formDialog!: HTMLDialogElement;
  @query('dialog.confirm') private _confirmDialog!: HTMLDialogElement;
  @query('dialog.pairing') private _pairingDialog!: HTMLDialogElement;

  private get words() {
    return messages(this.ctx?.locale).adminPeople;
  }

  override render() {
    const w = this.words;
    const d = w.devices;
    const config = this.hall.config;
    return html`<section class="panel">
        <h2>${d.title}</h2>
        <p class="intro muted">${d.intro}</p>
        <div class="toolbar">
          <button class="primary add" ?disabled=${!config} @click=${() => this._openForm(null)}>${d.add}</button>
        </div>
        ${this._done ? html`<p class="done" role="status">${this._done(this.words)}</p>` : nothing}
        ${this._refusal && !this._form ? this._refusalView() : nothing}
        ${this.hall.loadError ? html`<p class="refusal" role="alert">${this.hall.loadError.display}</p>` : nothing}
        ${config ? this._table(config.hall.devices) : nothing}
      </section>
      ${this._formView()} ${this._confirmView()} ${this._pairingView()}`;
  }

  private _refusalView() {
    return html`<p class="refusal" role="alert">${this._refusal}</p>`;
  }

  private _windowName(windowId: string | undefined): string {
    if (windowId === undefined) return this.words.devices.noWindow;
    const win = this.hall.config?.hall.windows.find((x) => x.id === windowId);
    return win ? this.words.devices.windowName(win.id, win.name) : windowId;
  }

  private _table(devices: Device[]) {
    const w = this.words;
    const d = w.devices;
    if (devices.length === 0) return html`<p class="muted">${d.none}</p>`;
    return html`<table class="devices">
      <thead>
        <tr>
          <th>${d.id}</th>
          <th>${d.kind}</th>
          <th>${d.window}</th>
          <th>${d.printer}</th>
          <th>${d.actions}</th>
        </tr>
      </thead>
      <tbody>
        ${devices.map(
          (x) => html`<tr data-id=${x.id}>
            <td class="mono">${x.id}</td>
            <td>${w.roles[x.kind]}</td>
            <td>${x.kind === 'kiosk' ? d.noWindow : this._windowName(x.windowId)}</td>
            <td class="mono">${x.printer ?? d.noWindow}</td>
            <td class="actions">
              <button class="edit" @click=${() => this._openForm(x)}>${w.edit}</button>
              <button class="pair" @click=${() => this._pair(x)}>${d.pairingCode}</button>
              ${
                x.kind === 'kiosk' && x.printer
                  ? html`<button class="print-test" ?disabled=${this._printing !== null} @click=${() => this._printTest(x)}>
                    ${this._printing === x.id ? d.printing : d.printTest}
                  </button>`
                  : nothing
              }
              <button class="remove danger" @click=${() => this._askRemove(x)}>${d.remove}</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private get _problems(): Map<'id' | 'printer', string> {
    const out = new Map<'id' | 'printer', string>();
    const f = this._form;
    if (!f) return out;
    const words = this.words.devices.problems;
    const printer = f.kind === 'kiosk' && f.printer.trim() !== '' ? f.printer.trim() : undefined;
    for (const p of deviceProblems({ id: f.id.trim(), kind: f.kind, printer })) if (!out.has(p.field)) out.set(p.field, words[p.problem]);
    const taken = !f.editing && this.hall.config?.hall.devices.some((x) => x.id === f.id.trim());
    if (taken && !out.has('id')) out.set('id', words.id_taken);
    return out;
  }

  private _formView() {
    const w = this.words;
    const d = w.devices;
    const f = this._form;
    const shown = (field: 'id' | 'printer') => (this._touched ? this._problems.get(field) : undefined);
    const problem = (field: 'id' | 'printer') => (shown(field) ? html`<span class="field-problem">${shown(field)}</span>` : nothing);
    const windows = this.hall.config?.hall.windows ?? [];
    return html`<dialog class="form" @close=${() => (this._form = null)}>
      ${
        f
          ? html`<h2>${f.editing ? d.editTitle(f.editing.id) : d.addTitle}</h2>
            <form @submit=${this._submit} novalidate>
              <div class="fields">
                <label
                  >${d.id}
                  <input name="id" .value=${f.id} ?disabled=${f.editing !== null} aria-invalid=${shown('id') ? 'true' : 'false'} @input=${(e: Event) => this._set({ id: (e.target as HTMLInputElement).value })} />
                  ${problem('id')}
                </label>
                <label
                  >${d.kind}
                  <select name="kind" ?disabled=${f.editing !== null} @change=${(e: Event) => this._set({ kind: (e.target as HTMLSelectElement).value as DeviceKind })}>
                    ${KINDS.map((k) => html`<option value=${k} ?selected=${k === f.kind}>${w.roles[k]}</option>`)}
                  </select>
                </label>
                ${
                  f.kind === 'kiosk'
                    ? html`<label class="wide"
                      >${d.printer}
                      <input
                        name="printer"
                        placeholder=${d.printerHint}
                        .value=${f.printer}
                        aria-invalid=${shown('printer') ? 'true' : 'false'}
                        @input=${(e: Event) => this._set({ printer: (e.target as HTMLInputElement).value })}
                      />
                      ${problem('printer')}
                    </label>`
                    : html`<label class="wide"
                      >${d.window}
                      <select name="windowId" @change=${(e: Event) => this._set({ windowId: (e.target as HTMLSelectElement).value })}>
                        <option value="" ?selected=${f.windowId === ''}>${d.anyWindow}</option>
                        ${windows.map((x) => html`<option value=${x.id} ?selected=${x.id === f.windowId}>${d.windowName(x.id, x.name)}</option>`)}
                      </select>
                    </label>`
                }
              </div>
              ${this._refusal ? this._refusalView() : nothing}
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
    const w = this.words;
    return html`<dialog class="confirm" @close=${() => (this._remove = null)}>
      <p>${this._remove ? w.devices.confirmRemove(this._remove.id) : ''}</p>
      <div class="buttons">
        <button type="button" @click=${() => this._confirmDialog.close()}>${w.cancel}</button>
        <button type="button" class="primary yes" ?disabled=${this._busy} @click=${this._removeConfirmed}>${w.staff.confirm}</button>
      </div>
    </dialog>`;
  }

  private _pairingView() {
    const d = this.words.devices;
    const p = this._pairing;
    return html`<dialog class="pairing" @close=${() => (this._pairing = null)}>
      ${
        p
          ? html`<h2>${d.pairingTitle(p.id)}</h2>
            <div class="secret pairing-code">${p.code}</div>
            <p class="note">${d.pairingNote(p.until)}</p>
            <div class="buttons"><button class="primary" @click=${() => this._pairingDialog.close()}>${this.words.staff.oneTimeDone}</button></div>`
          : nothing
      }
    </dialog>`;
  }

  private async _openForm(device: Device | null): Promise<void> {
    this._refusal = null;
    this._done = null;
    this._touched = false;
    this._form = device
      ? { editing: device, id: device.id, kind: device.kind, windowId: device.windowId ?? '', printer: device.printer ?? '' }
      : { editing: null, id: '', kind: 'kiosk', windowId: '', printer: '' };
    await this.updateComplete;
    this._formDialog.showModal();
  }

  private _set(change: Partial<Form>): void {
    if (this._form) this._form = { ...this._form, ...change };
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const f = this._form;
    const ctx = this.ctx;
    if (!f || !ctx) return;
    this._touched = true;
    if (this._problems.size > 0) return;
    const d = this.words.devices;
    const id = f.id.trim();
    const device: Device = { id, kind: f.kind };
    if (f.kind === 'kiosk' && f.printer.trim()) device.printer = f.printer.trim();
    if (f.kind !== 'kiosk' && f.windowId) device.windowId = f.windowId;
    this._busy = true;
    try {
      const saved = await this.hall.save((hall) => {
        hall.devices = f.editing ? hall.devices.map((x) => (x.id === id ? device : x)) : [...hall.devices, device];
      });
      if (!saved.ok) {
        // The server's problem lines are for logs (English paths); the form has already said the rules.
        this._refusal = saved.stale ? d.stale : saved.failure.display;
        return;
      }
      if (!f.editing) await this._ensureAccount(device);
      this._formDialog.close();
      this._done = (w) => (f.editing ? w.devices.changed(id) : w.devices.added(id));
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
    } finally {
      this._busy = false;
    }
  }

  /** The new device's sign-in: an account of its own (or its old one, enabled again), for pairing. */
  private async _ensureAccount(device: Device): Promise<void> {
    const ctx = this.ctx!;
    const name = `${this.hall.config?.hall.name ?? ''}${this.words.roles[device.kind]} ${device.id}`.slice(0, 64);
    try {
      await call(ctx.api, 'POST /admin/accounts', { body: { id: device.id, name, role: device.kind, hallId: ctx.hallId } });
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.code !== 'account_exists') throw err;
      await call(ctx.api, 'POST /admin/accounts/:id/enable', { params: { id: device.id } });
    }
  }

  private async _askRemove(device: Device): Promise<void> {
    this._refusal = null;
    this._done = null;
    this._remove = device;
    await this.updateComplete;
    this._confirmDialog.showModal();
  }

  private async _removeConfirmed(): Promise<void> {
    const device = this._remove;
    const ctx = this.ctx;
    if (!device || !ctx) return;
    const d = this.words.devices;
    this._busy = true;
    try {
      const saved = await this.hall.save((hall) => {
        hall.devices = hall.devices.filter((x) => x.id !== device.id);
      });
      if (!saved.ok) {
        this._refusal = saved.stale ? d.stale : saved.failure.display;
        return;
      }
      try {
        await call(ctx.api, 'POST /admin/accounts/:id/disable', { params: { id: device.id } });
      } catch (err) {
        if (!(err instanceof ApiFailure) || err.status !== 404) throw err;
      }
      this._done = (w) => w.devices.removed(device.id);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
    } finally {
      this._busy = false;
      this._confirmDialog.close();
    }
  }

  private async _pair(device: Device): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    this._refusal = null;
    this._done = null;
    try {
      const { code, expiresAt } = await call(ctx.api, 'POST /admin/halls/:hallId/devices/:deviceId/pairing-code', {
        params: { hallId: ctx.hallId, deviceId: device.id },
      });
      const timeZone = this.hall.config?.hall.timezone ?? 'Asia/Shanghai';
      const until = new Intl.DateTimeFormat(ctx.locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(
        new Date(expiresAt),
      );
      this._pairing = { id: device.id, code, until };
      await this.updateComplete;
      this._pairingDialog.showModal();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = err.display;
    }
  }

  private async _printTest(device: Device): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    const d = this.words.devices;
    this._refusal = null;
    this._done = null;
    this._printing = device.id;
    try {
      await call(ctx.api, 'POST /admin/halls/:hallId/devices/:deviceId/print-test', { params: { hallId: ctx.hallId, deviceId: device.id } });
      this._done = (w) => w.devices.printOk(device.id);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._refusal = d.printFailed(device.id, err.display);
    } finally {
      this._printing = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-devices': QmsAdminDevices;
  }
}
