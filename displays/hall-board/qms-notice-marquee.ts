/**
 * Notices in a slow marquee along the bottom of the wall board. The speed is set from the track's
 * width (a full crossing takes about 20 s), so 1080p and 4K scroll alike.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { baseStyles } from '../shared/page-styles';
import { noticeMarqueeStyles } from './qms-notice-marquee-styles';

const CROSSING_SECONDS = 20;
const SEPARATOR = '　　◆　　';

@customElement('qms-notice-marquee')
export class QmsNoticeMarquee extends LitElement {
  static override styles = [baseStyles, noticeMarqueeStyles];

  @property() label = '';
  @property({ attribute: false }) items: string[] = [];

  @query('.track') private _track!: HTMLElement;
  @query('.text') private _text!: HTMLElement;

  override render() {
    return html`<div class="label">${this.label}</div>
      <div class="track" role="marquee" aria-label=${this.label}><span class="text">${this.items.join(SEPARATOR)}</span></div>`;
  }

  private _resize: ResizeObserver | null = null;

  protected override firstUpdated(): void {
    // A display rotated or resized re-measures, or the text would run at the old width's pace.
    this._resize = new ResizeObserver(() => this._measure());
    this._resize.observe(this._track);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._resize = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('items')) return;
    const joined = this.items.join('|');
    if (joined === this._measured) return;
    this._measured = joined;
    // Measure once the CJK font is in, or the width is that of the fallback font.
    void document.fonts.ready.then(() => this._measure());
  }

  private _measure(): void {
    const track = this._track.clientWidth;
    const text = this._text.scrollWidth;
    const speed = track / CROSSING_SECONDS;
    this._text.style.setProperty('--from', `${track}px`);
    this._text.style.setProperty('--to', `${-text}px`);
    this._text.style.setProperty('--duration', `${((track + text) / Math.max(speed, 1)).toFixed(1)}s`);
    // Start with the text's head at the left edge, so a freshly (re)loaded wall shows notices at once.
    this._text.style.setProperty('--delay', `-${CROSSING_SECONDS}s`);
  }

  private _measured = '';
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-notice-marquee': QmsNoticeMarquee;
  }
}
