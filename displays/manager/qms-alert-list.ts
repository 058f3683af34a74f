/**
 * What the manager should act on now: a long wait in an area, a window idle while its areas have a
 * queue, a kiosk that failed to print. Each says since when it has been on; new ones stand out.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HallAlert } from '../../server/domain/hall-overview';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { LEVEL_MARK, managerStyles } from './manager-styles';
import { duration, type ManagerWords } from './manager-words';
import { alertListStyles } from './qms-alert-list-styles';

/** A member of the hall's staff a helper (帮办) can be picked from, with where they are now. */
export interface HelperChoice {
  id: string;
  name: string;
  staffNo: string | null;
  /** The window they are signed in at, if any, and what it is doing. */
  windowNumber: number | null;
  activity: string | null;
}

/** An alert as the page keeps it: when it was first seen. */
export interface SeenAlert {
  alert: HallAlert;
  since: string;
  fresh: boolean;
}

@customElement('qms-alert-list')
export class QmsAlertList extends LitElement {
  static override styles = [baseStyles, managerStyles, alertListStyles];

  @property({ attribute: false }) alerts: SeenAlert[] = [];
  @property({ attribute: false }) areaNames: Map<string, string> = new Map();
  @property({ attribute: false }) words!: ManagerWords;
  /** Words for the printers' error codes (the kiosk section of the message table). */
  @property({ attribute: false }) printErrors: Record<string, string> = {};
  /** The hall's staff, to pick a helper from (free ones first). */
  @property({ attribute: false }) helpers: HelperChoice[] = [];

  override render() {
    const w = this.words.alerts;
    if (this.alerts.length === 0) return html`<p class="none">${w.none}</p>`;
    return html`<ul role="log" aria-live="polite">
      ${this.alerts.map(({ alert, since, fresh }) => {
        const level = alert.kind === 'long_wait' ? alert.level : 'alert';
        return html`<li class="level-${level} ${fresh ? 'fresh' : ''}" data-alert=${alert.id} data-kind=${alert.kind}>
          <span class="mark">${LEVEL_MARK[level]}</span><div>${this._text(alert)}${alert.kind === 'assistance' ? this._assignForm(alert.ticketId, alert.number) : ''}</div><span class="since">${fill(w.seenAt, { time: since })}</span>
        </li>`;
      })}
    </ul>`;
  }

  /** A manager picks the helper from the hall's staff right on the alert; the board sends it (`qms-assign-helper`). */
  private _assignForm(ticketId: string, number: string) {
    const w = this.words.alerts;
    const submit = (e: SubmitEvent): void => {
      e.preventDefault();
      const select = (e.currentTarget as HTMLFormElement).querySelector('select')!;
      const staffId = select.value;
      const who = this.helpers.find((h) => h.id === staffId);
      if (!who) return;
      this.dispatchEvent(
        new CustomEvent('qms-assign-helper', { detail: { ticketId, number, staffId, label: helperName(who) }, bubbles: true, composed: true }),
      );
    };
    return html`<form class="assign" @submit=${submit}>
      <select name="staffId" required aria-label=${w.assignLabel}>
        <option value="">${w.pickHelper}</option>
        ${this.helpers.map((h) => html`<option value=${h.id}>${helperName(h)} · ${h.windowNumber === null ? w.notAtWindow : fill(w.atWindow, { n: h.windowNumber, activity: h.activity ?? '' })}</option>`)}
      </select>
      <button type="submit">${w.assign}</button>
    </form>`;
  }

  private _text(a: HallAlert): string {
    const w = this.words.alerts;
    switch (a.kind) {
      case 'long_wait':
        return fill(w.longWait, {
          area: this.areaNames.get(a.areaId) ?? a.areaId,
          wait: duration(a.waitSeconds, this.words),
          threshold: a.thresholdSeconds / 60,
        });
      case 'idle_window':
        return fill(w.idleWindow, { n: a.windowNumber, idle: duration(a.idleSeconds, this.words), waiting: a.waiting });
      case 'printer_failed':
        return fill(w.printerFailed, { device: a.deviceId, number: a.number, error: this.printErrors[a.error] ?? a.error });
      case 'complaint':
        return fill(w.complaint, { area: this.areaNames.get(a.areaId) ?? a.areaId, number: a.number });
      case 'assistance':
        return fill(w.assistance, { number: a.number, note: a.note ?? (a.requestedBy === null ? w.assistanceKiosk : w.assistanceNoNote) });
    }
  }
}

/** 张敏（YX103）. */
export function helperName(h: { name: string; staffNo: string | null }): string {
  return h.staffNo ? `${h.name}（${h.staffNo}）` : h.name;
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-alert-list': QmsAlertList;
  }
}
