/**
 * The banner every live screen shows while its connection is down (连接中断，正在重连). The screen
 * underneath keeps its last state; the banner says it may be stale. Words come from the page.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from './page-styles';

@customElement('qms-connection-banner')
export class QmsConnectionBanner extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        top: 0;
        left: 50%;
        transform: translateX(-50%);
        z-index: 100;
      }
      :host([placement='bottom']) {
        top: auto;
        bottom: 0;
      }
      div {
        margin: 1.2vmin 0;
        padding: 0.8vmin 3vmin;
        font-size: max(18px, 3.2vmin);
        font-weight: 700;
        white-space: nowrap;
        color: #000;
        background: var(--qms-warn);
        border: 0.5vmin dashed #000;
        border-radius: 1vmin;
        box-shadow: 0 0 0 0.5vmin var(--qms-warn);
      }
    `,
  ];

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
