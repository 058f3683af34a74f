/** The console's history section (to be built). */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminContext } from './admin-context';

@customElement('qms-admin-history')
export class QmsAdminHistory extends LitElement {
  @property({ attribute: false }) ctx?: AdminContext;

  override render() {
    return html`<section></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-history': QmsAdminHistory;
  }
}
