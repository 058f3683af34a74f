/** The console's calendar section (to be built). */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminContext } from './admin-context';

@customElement('qms-admin-calendar')
export class QmsAdminCalendar extends LitElement {
  @property({ attribute: false }) ctx?: AdminContext;

  override render() {
    return html`<section></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-calendar': QmsAdminCalendar;
  }
}
