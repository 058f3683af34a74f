/** The console's areas section (to be built). */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminContext } from './admin-context';

@customElement('qms-admin-areas')
export class QmsAdminAreas extends LitElement {
  @property({ attribute: false }) ctx?: AdminContext;

  override render() {
    return html`<section></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-areas': QmsAdminAreas;
  }
}
