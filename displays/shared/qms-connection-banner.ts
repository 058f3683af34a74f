/**
 * The banner every live screen shows while its connection is down (连接中断，正在重连). The screen
 * underneath keeps its last state; the banner says it may be stale. Words come from the page.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from './page-styles';
import { connectionBannerStyles } from './qms-connection-banner-styles';

@customElement('qms-connection-banner')
export class QmsConnectionBanner extends LitElement {
  static override styles = [baseStyles, connectionBannerStyles];

  @property({ type: Boolean, reflect: true }) offline = false;
  @property() text = '';
  /** Where it covers least of what matters on that screen (the wall board: over the notices). */
  @property({ reflect: true }) placement: 'top' | 'bottom' = 'top';

  override render() {
    return this.offline ? html`<div class="offline-banner" role="alert">${this.text}</div>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-connection-banner': QmsConnectionBanner;
  }
}
