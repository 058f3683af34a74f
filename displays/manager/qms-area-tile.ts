/**
 * One area's tile on the manager board: who waits and how long, this hour's average wait, the
 * windows open — bordered in the colour of its level against the area's thresholds, and labelled.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AreaTile } from '../../server/domain/hall-overview';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { LEVEL_MARK, managerStyles } from './manager-styles';
import { duration, type ManagerWords } from './manager-words';
import { areaTileStyles } from './qms-area-tile-styles';

@customElement('qms-area-tile')
export class QmsAreaTile extends LitElement {
  static override styles = [baseStyles, managerStyles, areaTileStyles];

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
