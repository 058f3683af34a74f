/**
 * The administration console (`/admin?hall=yuxi`, 1920×1080): a frame with one tab per section —
 * halls, areas, windows, staff, devices, catalogue, calendar, notices, change history — each a
 * component of its own given the same context (the API as the signed-in user, the hall, the
 * locale). Admins manage every hall; a hall manager their own. zh-CN, with `?lang=en` (or the
 * switch in the header) for English. The open section is kept in the address (`&section=`).
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import '../booking/qms-lang-switch';
import { SignedInGate } from '../shared/page-gate';
import { baseStyles } from '../shared/page-styles';
import { queryParam } from '../shared/session';
import { pageLocale } from '../shared/words';
import type { AdminContext } from './admin-context';
import './qms-admin-areas';
import './qms-admin-calendar';
import './qms-admin-catalogue';
import './qms-admin-devices';
import './qms-admin-halls';
import './qms-admin-history';
import './qms-admin-notices';
import './qms-admin-staff';
import './qms-admin-windows';

export const SECTIONS = ['halls', 'areas', 'windows', 'staff', 'devices', 'catalogue', 'calendar', 'notices', 'history'] as const;
export type Section = (typeof SECTIONS)[number];

function sectionOf(value: string | null): Section {
  return (SECTIONS as readonly string[]).includes(value ?? '') ? (value as Section) : 'windows';
}

@customElement('qms-admin-console')
export class QmsAdminConsole extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        color: #1b2433;
      }
    `,
  ];

  @state() private _locale: Locale = pageLocale();
  @state() private _section: Section = sectionOf(queryParam('section'));

  private readonly gate = new SignedInGate(this, {
    page: 'admin',
    heading: messages(this._locale).adminConsole.login,
    allowed: { check: (s) => s.user.role === 'admin' || s.user.role === 'manager', notice: messages(this._locale).adminConsole.staffOnly },
  });

  private get words() {
    return messages(this._locale).adminConsole;
  }

  private get ctx(): AdminContext | null {
    const session = this.gate.session.session;
    if (!session || !this.gate.hallId) return null;
    return { api: this.gate.session.api, hallId: this.gate.hallId, locale: this._locale, user: session.user };
  }

  override render(): TemplateResult {
    return this.gate.render(() => {
      const ctx = this.ctx;
      if (!ctx) return null;
      return html`<header>
          <h1>${this.words.title}</h1>
          <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
          <button type="button" @click=${() => this.gate.session.logOut()}>${this.words.signOut}</button>
        </header>
        <nav role="tablist">
          ${SECTIONS.map(
            (s) => html`<button role="tab" aria-selected=${s === this._section} @click=${() => this._open(s)}>${this.words.sections[s]}</button>`,
          )}
        </nav>
        <main>${this._sectionView(ctx)}</main>`;
    });
  }

  private _sectionView(ctx: AdminContext): TemplateResult {
    switch (this._section) {
      case 'halls':
        return html`<qms-admin-halls .ctx=${ctx}></qms-admin-halls>`;
      case 'areas':
        return html`<qms-admin-areas .ctx=${ctx}></qms-admin-areas>`;
      case 'windows':
        return html`<qms-admin-windows .ctx=${ctx}></qms-admin-windows>`;
      case 'staff':
        return html`<qms-admin-staff .ctx=${ctx}></qms-admin-staff>`;
      case 'devices':
        return html`<qms-admin-devices .ctx=${ctx}></qms-admin-devices>`;
      case 'catalogue':
        return html`<qms-admin-catalogue .ctx=${ctx}></qms-admin-catalogue>`;
      case 'calendar':
        return html`<qms-admin-calendar .ctx=${ctx}></qms-admin-calendar>`;
      case 'notices':
        return html`<qms-admin-notices .ctx=${ctx}></qms-admin-notices>`;
      case 'history':
        return html`<qms-admin-history .ctx=${ctx}></qms-admin-history>`;
    }
  }

  private _open(section: Section): void {
    this._section = section;
    const url = new URL(location.href);
    url.searchParams.set('section', section);
    history.replaceState(history.state, '', url);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-admin-console': QmsAdminConsole;
  }
}
