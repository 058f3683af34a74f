/**
 * Every window on the manager board: what it is doing and for how long, who is at it, the ticket
 * at it, how many it served today — and the manager's controls for it (pause, resume, close, staff
 * it, change its areas). The controls fire `qms-window-action`; the board acts and reports back.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WindowRow } from '../../server/domain/hall-overview';
import { baseStyles } from '../shared/page-styles';
import { managerStyles } from './manager-styles';
import { duration, type ManagerWords } from './manager-words';
import { windowGridStyles } from './qms-window-grid-styles';

export type WindowAction = 'pause' | 'resume' | 'sign-out' | 'sign-in' | 'areas';

export interface WindowActionDetail {
  windowId: string;
  action: WindowAction;
}

/** Colour of each activity; the activity's word is always shown beside it. */
const ACTIVITY_COLOUR: Record<WindowRow['activity'], string> = {
  closed: '#6c7a90',
  idle: '#9fb3d1',
  called: '#ffd54a',
  serving: '#2ecc71',
  paused: '#ff9f43',
};

@customElement('qms-window-grid')
export class QmsWindowGrid extends LitElement {
  static override styles = [baseStyles, managerStyles, windowGridStyles];

  @property({ attribute: false }) windows: WindowRow[] = [];
  @property({ attribute: false }) areaNames: Map<string, string> = new Map();
  @property({ attribute: false }) words!: ManagerWords;
  /** Windows with an idle alert on. */
  @property({ attribute: false }) idle: Set<string> = new Set();
  @property({ type: Number }) drift = 0;
  /** A control is in flight: buttons wait. */
  @property({ type: Boolean }) busy = false;

  override render() {
    const w = this.words.windows;
    return html`<div class="grid">
      ${this.windows.map((row) => {
        const since = row.sinceSeconds === null ? null : row.sinceSeconds + this.drift;
        const areas = row.areaIds.map((a) => this.areaNames.get(a) ?? a).join('、');
        return html`<article
          data-window=${row.id}
          data-activity=${row.activity}
          class=${this.idle.has(row.id) ? 'idle-alert' : ''}
          style="--activity: ${ACTIVITY_COLOUR[row.activity]}"
        >
          <div class="top"><span class="no">${row.number}</span><span class="wname" title=${areas}>${areas}</span><span class="since">${since === null ? '' : duration(since, this.words)}</span></div>
          <div class="mid">
            <span class="activity">${w.activity[row.activity]}</span><span class="clerk" title=${w.clerk}>${row.clerk?.name ?? ''}</span
            ><span class="ticket" title=${w.ticket}>${row.ticket?.number ?? ''}</span>
          </div>
          <div class="actions">
            ${row.status === 'open' ? this._button(row, 'pause', w.pause) : ''}
            ${row.status === 'paused' ? this._button(row, 'resume', w.resume) : ''}
            ${row.status !== 'closed' ? this._button(row, 'sign-out', w.close, row.ticket !== null) : this._button(row, 'sign-in', w.open)}
            ${this._button(row, 'areas', w.changeAreas)}
            <span class="served">${w.served} ${row.servedToday}</span>
          </div>
        </article>`;
      })}
    </div>`;
  }

  private _button(row: WindowRow, action: WindowAction, label: string, disabled = false) {
    return html`<button data-action=${action} ?disabled=${this.busy || disabled} @click=${() => this._fire(row.id, action)}>${label}</button>`;
  }

  private _fire(windowId: string, action: WindowAction): void {
    this.dispatchEvent(new CustomEvent<WindowActionDetail>('qms-window-action', { detail: { windowId, action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-window-grid': QmsWindowGrid;
  }
}
