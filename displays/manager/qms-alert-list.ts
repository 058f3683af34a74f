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

  /** A manager names the helper right on the alert; the board sends it (`qms-assign-helper`). */
  private _assignForm(ticketId: string, number: string) {
    const w = this.words.alerts;
    const submit = (e: SubmitEvent): void => {
      e.preventDefault();
      const input = (e.currentTarget as HTMLFormElement).querySelector('input')!;
      const staffId = input.value.trim();
      if (!staffId) return;
      this.dispatchEvent(new CustomEvent('qms-assign-helper', { detail: { ticketId, number, staffId }, bubbles: true, composed: true }));
    };
    return html`<form class="assign" @submit=${submit}>
      <input name="staffId" required maxlength="64" aria-label=${w.assignLabel} placeholder=${w.assignLabel} />
      <button type="submit">${w.assign}</button>
    </form>`;
  }

  private _text(a: HallAlert): string {
    const w = this.words.alerts;
    switch (a.kind) {
      case 'long_wait':
        return fill(w.longWait, { area: this.areaNames.get(a.areaId) ?? a.areaId, wait: duration(a.waitSeconds, this.words), threshold: a.thresholdSeconds / 60 });
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

declare global {
  interface HTMLElementTagNameMap {
    'qms-alert-list': QmsAlertList;
  }
}
