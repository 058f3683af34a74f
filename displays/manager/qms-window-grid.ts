/**
 * Every window on the manager board: what it is doing and for how long, who is at it, the ticket
 * at it, how many it served today — and the manager's controls for it (pause, resume, close, staff
 * it, change its areas). The controls fire `qms-window-action`; the board acts and reports back.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WindowRow } from '../../server/domain/hall-overview';
import { baseStyles } from '../shared/page-styles';
import { managerStyles } from './manager-styles';
import { duration, type ManagerWords } from './manager-words';

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
  static override styles = [
    baseStyles,
    managerStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(7, minmax(0, 1fr));
        gap: 0.45rem;
      }
      article {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto auto auto;
        gap: 0.15rem;
        padding: 0.3rem 0.45rem;
        border-radius: 8px;
        background: var(--m-panel);
        border: 1px solid var(--m-line);
        border-top: 6px solid var(--activity);
        font-size: 0.88rem;
        min-width: 0;
      }
      article.idle-alert {
        outline: 3px dashed var(--m-alert);
        outline-offset: -3px;
      }
      .top {
        display: flex;
        align-items: baseline;
        gap: 0.35rem;
      }
      .no {
        font-size: 1.15rem;
        font-weight: 800;
      }
      .wname {
        min-width: 0;
        color: var(--qms-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .mid {
        display: flex;
        gap: 0.4rem;
        align-items: baseline;
        white-space: nowrap;
        overflow: hidden;
      }
      .activity {
        font-weight: 700;
      }
      .clerk {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .top .since {
        margin-left: auto;
        font-weight: 700;
        white-space: nowrap;
        flex: none;
      }
      .served {
        margin-left: auto;
        color: var(--qms-muted);
        font-size: 0.8rem;
        white-space: nowrap;
      }
      .activity::before {
        content: '';
        display: inline-block;
        width: 0.6em;
        height: 0.6em;
        margin-right: 0.3em;
        border-radius: 2px;
        background: var(--activity);
      }
      .since {
        font-variant-numeric: tabular-nums;
      }
      .ticket {
        font-weight: 800;
        font-size: 1rem;
        margin-left: auto;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.2rem;
      }
      .actions button {
        font-size: 0.8rem;
        padding: 0.1rem 0.4rem;
      }
    `,
  ];

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
