/** The console's notices section (to be built). */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminContext } from './admin-context';

@customElement('qms-admin-notices')
export class QmsAdminNotices extends LitElement {
  @property({ attribute: false }) ctx?: AdminContext;

  override render() {
    return html`<section></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-notices': QmsAdminNotices;
  }
}
