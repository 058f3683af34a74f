/**
 * The administration console (`/admin?hall=yuxi`, 1920×1080): a frame with one tab per section —
 * halls, areas, windows, staff, devices, catalogue, calendar, notices, change history — each a
 * component of its own given the same context (the API as the signed-in user, the hall, the
 * locale). Admins manage every hall and switch between them with the hall picker (it changes
 * `?hall=`); a hall manager sees their own hall only. zh-CN, with `?lang=en` (or the switch in the
 * header) for English. The open section is kept in the address (`&section=`).
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fillIn, messages, type Locale } from '../../server/i18n';
import '../booking/qms-lang-switch';
import { ApiFailure } from '../shared/api';
import { SignedInGate } from '../shared/page-gate';
import { baseStyles } from '../shared/page-styles';
import { queryParam } from '../shared/session';
import { pageLocale } from '../shared/words';
import type { HallSummary } from '../../server/protocol';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';
import { IdleSignOut } from './idle-sign-out';
import { adminConsoleStyles } from './qms-admin-console-styles';
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
/** The security administrator's sections (三员分立): the administrators' accounts, their second factors. */
const SECURITY_SECTIONS: readonly Section[] = ['staff'];
/** Who the console is for: the system and security administrators and hall managers (the audit administrator reads the audit log). */
const CONSOLE_ROLES: ReadonlySet<string> = new Set(['admin', 'security_admin', 'manager']);

function sectionOf(value: string | null): Section {
  return (SECTIONS as readonly string[]).includes(value ?? '') ? (value as Section) : 'windows';
}

@customElement('qms-admin-console')
export class QmsAdminConsole extends LitElement {
  static override styles = [baseStyles, adminConsoleStyles];

  @state() private _locale: Locale = pageLocale();
  @state() private _section: Section = sectionOf(queryParam('section'));
  /** The halls this user may open: every hall for an admin (retired ones marked), their own for a manager. */
  @state() private _halls: HallSummary[] = [];
  private _hallsFor: string | null = null;

  private readonly gate = new SignedInGate(this, {
    page: 'admin',
    heading: messages(this._locale).adminConsole.login,
    allowed: { check: (s) => CONSOLE_ROLES.has(s.user.role), notice: messages(this._locale).adminConsole.staffOnly },
    // The security administrator belongs to no hall's live day (the hall's socket would refuse them).
    live: (s) => s.user.role !== 'security_admin',
  });

  /** An administrator's console goes back to the sign-in after the server's idle time without input. */
  readonly idleSignOut = new IdleSignOut(
    this,
    () => (this.gate.allowed ? (this.gate.session.session?.idleMinutes ?? null) : null),
    () => this.gate.session.logOut(),
  );

  private get words() {
    return messages(this._locale).adminConsole;
  }

  private get ctx(): AdminContext | null {
    const session = this.gate.session.session;
    if (!session || !this.gate.allowed || !this.gate.hallId) return null;
    return {
      api: this.gate.session.api,
      hallId: this.gate.hallId,
      locale: this._locale,
      user: session.user,
      halls: this._halls,
      hallsChanged: () => void this._loadHalls(),
    };
  }

  override willUpdate(): void {
    document.title = this.words.title;
    document.documentElement.lang = this._locale;
    // Once per sign-in: the hall list of whoever is signed in now.
    const token = this.gate.session.token;
    if (this.gate.allowed && token !== this._hallsFor) {
      this._hallsFor = token;
      void this._loadHalls();
    }
  }

  private async _loadHalls(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    try {
      if (ctx.user.role === 'admin') {
        this._halls = (await call(ctx.api, 'GET /admin/halls')).halls;
      } else {
        const own = await call(ctx.api, 'GET /halls');
        this._halls = own.map((h) => ({ id: h.id, name: h.name, version: 0, retired: false }));
      }
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this._halls = [];
    }
  }

  override render(): TemplateResult {
    // One main landmark and one h1 on every view: the sign-in form (its h1) stands in a main too.
    if (!this.ctx) return html`<main class="gate">${this.gate.render(() => null)}</main>`;
    return this.gate.render(() => {
      const ctx = this.ctx;
      if (!ctx) return null;
      const roleName = this.words.roles[ctx.user.role as keyof typeof this.words.roles] ?? this.words.roles.manager;
      // 三员分立: the security administrator's part of the console is the accounts of the administrators.
      const sections = ctx.user.role === 'security_admin' ? SECURITY_SECTIONS : SECTIONS;
      const current = sections.includes(this._section) ? this._section : sections[0]!;
      return html`<header>
          <h1>${this.words.title}</h1>
          ${this._hallView(ctx)}
          <span class="spacer"></span>
          <span class="who">${ctx.user.name === roleName ? roleName : fillIn(this.words.signedInAs, { name: ctx.user.name, role: roleName })}</span>
          <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
          <button type="button" class="signout" @click=${() => this.gate.session.logOut()}>${this.words.signOut}</button>
        </header>
        <div class="body">
          <nav role="tablist" aria-orientation="vertical">
            ${sections.map(
              (s) =>
                html`<button role="tab" data-section=${s} aria-selected=${s === current ? 'true' : 'false'} @click=${() => this._open(s)}>${this.words.sections[s]}</button>`,
            )}
          </nav>
          <main><div role="tabpanel" aria-label=${this.words.sections[current]}>${this._sectionView(ctx, current)}</div></main>
        </div>`;
    });
  }

  private _hallView(ctx: AdminContext): TemplateResult {
    const current = this._halls.find((h) => h.id === ctx.hallId);
    const label = (h: HallSummary) => (h.retired ? `${h.name}（${this.words.retiredMark}）` : h.name);
    if (ctx.user.role !== 'admin') {
      return html`<div class="hall"><span>${this.words.hallPicker}</span><span class="name">${current ? label(current) : ctx.hallId}</span></div>`;
    }
    return html`<label class="hall"
      >${this.words.hallPicker}
      <select name="hall" @change=${(e: Event) => this._switchHall((e.target as HTMLSelectElement).value)}>
        ${current ? null : html`<option value=${ctx.hallId} selected>${ctx.hallId}</option>`}
        ${this._halls.map((h) => html`<option value=${h.id} ?selected=${h.id === ctx.hallId}>${label(h)}</option>`)}
      </select></label
    >`;
  }

  /** Another hall is another page: every section loads that hall's documents afresh. */
  private _switchHall(hallId: string): void {
    const url = new URL(location.href);
    url.searchParams.set('hall', hallId);
    location.assign(url);
  }

  private _sectionView(ctx: AdminContext, section: Section): TemplateResult {
    switch (section) {
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
