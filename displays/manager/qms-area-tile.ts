/**
 * One area's tile on the manager board: who waits and how long, this hour's average wait, the
 * windows open — bordered in the colour of its level against the area's thresholds, and labelled.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AreaTile } from '../../server/domain/hall-overview';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { LEVEL_MARK, managerStyles } from './manager-styles';
import { duration, type ManagerWords } from './manager-words';

@customElement('qms-area-tile')
export class QmsAreaTile extends LitElement {
  static override styles = [
    baseStyles,
    managerStyles,
    css`
      :host {
        display: block;
      }
      article {
        height: 100%;
        display: grid;
        grid-template-rows: auto 1fr auto;
        gap: 0.2rem;
        padding: 0.4rem 0.7rem;
        background: var(--m-panel);
        border: 2px solid var(--m-line);
        border-left: 10px solid var(--level);
        border-radius: 10px;
      }
      article.level-warn,
      article.level-alert {
        border-color: var(--level);
        border-left-width: 10px;
      }
      article.level-alert {
        background: #3a1c2a;
      }
      header {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .prefix {
        font-weight: 800;
        font-size: 1.1rem;
        background: #fff;
        color: #0b1a2e;
        border-radius: 4px;
        padding: 0 0.35rem;
      }
      .name {
        font-weight: 700;
        font-size: 1.1rem;
        flex: 1;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .body {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.8rem;
        align-items: center;
      }
      .main {
        display: grid;
        justify-items: center;
        min-width: 4.5rem;
      }
      .main .k {
        color: var(--qms-muted);
        font-size: 0.85rem;
      }
      .waiting {
        font-size: 2rem;
        font-weight: 800;
        line-height: 1.1;
        font-variant-numeric: tabular-nums;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto auto;
        gap: 0 0.6rem;
        align-items: baseline;
      }
      dt {
        color: var(--qms-muted);
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      footer {
        font-size: 0.8rem;
        color: var(--qms-muted);
      }
    `,
  ];

  @property({ attribute: false }) area!: AreaTile;
  @property({ attribute: false }) words!: ManagerWords;
  /** Seconds since the tile's figures were taken, so waits keep moving between refreshes. */
  @property({ type: Number }) drift = 0;

  override render() {
    const a = this.area;
    const t = this.words.tile;
    const longest = a.waiting > 0 ? a.longestWaitSeconds + this.drift : 0;
    return html`<article class="level-${a.level}" data-area=${a.id} data-level=${a.level}>
      <header>
        <span class="prefix">${a.prefix}</span><span class="name">${a.name}</span>
        <span class="badge level-${a.level}">${LEVEL_MARK[a.level]} ${t.levels[a.level]}</span>
      </header>
      <div class="body">
      <div class="main"><span class="k">${t.waiting}</span><span class="waiting">${fill(t.people, { n: a.waiting })}</span></div>
      <dl>
        <dt>${t.longestWait}</dt>
        <dd class="longest">${a.waiting > 0 ? duration(longest, this.words) : '—'}</dd>
        <dt>${t.avgWaitHour}</dt>
        <dd class="hour-avg">${a.avgWaitThisHourSeconds === null ? t.none : duration(a.avgWaitThisHourSeconds, this.words)}</dd>
        <dt>${t.openWindows}</dt>
        <dd class="open">${a.openWindows}${a.pausedWindows > 0 ? html` <span class="muted">(${fill(t.paused, { n: a.pausedWindows })})</span>` : ''}</dd>
      </dl>
      </div>
      <footer>${fill(t.thresholds, { warn: a.warnSeconds / 60, alert: a.alertSeconds / 60 })}</footer>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-area-tile': QmsAreaTile;
  }
}
