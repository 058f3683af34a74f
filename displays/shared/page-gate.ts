/**
 * What every page shows before its own content, in one order: no hall in the address → say so;
 * a staff page not signed in (or signed in as someone the page is not for) → the login form;
 * signed in → the offline banner over whatever is on screen; no data yet → loading. Pages render
 * through `gate.render(() => content)`, returning null from `content` while they are still loading.
 *
 * `PageGate` is the public pages' part (booking: no sign-in); `SignedInGate` adds the sign-in and
 * the live hall connection for the staff and wall screens.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { HallConnection, type HallConnectionOptions } from './hall-connection';
import './qms-connection-banner';
import './qms-login';
import { queryParam, type Session } from './session';
import { SessionController } from './session-controller';
import { screenWords } from './words';

/** The gate's own words: the page's table may be the screens' or the phone pages'. */
export interface GateWords {
  missingHall: string;
  loading: string;
}

export interface PageGateOptions {
  /** The gate's words, read at each render (a phone page can switch language). */
  words?: () => GateWords;
  /** Query parameters besides `hall` the page cannot work without, with what to say when one is missing. */
  required?: Record<string, () => string>;
}

export class PageGate implements ReactiveController {
  readonly hallId = queryParam('hall');

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly gateOpts: PageGateOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  protected get words(): GateWords {
    return this.gateOpts.words?.() ?? screenWords().common;
  }

  /** Whether the address names everything the page needs. */
  get complete(): boolean {
    return this.missing() === null;
  }

  /** The page, or what stands before it. */
  render(content: () => TemplateResult | null): TemplateResult {
    const missing = this.missing();
    if (missing) return html`<div class="message" role="alert">${missing}</div>`;
    return this.inside(content);
  }

  /** What a page shows while its data is on the way (also inside a page that shows its frame first). */
  loading(): TemplateResult {
    return html`<div class="message" role="status">${this.words.loading}</div>`;
  }

  protected inside(content: () => TemplateResult | null): TemplateResult {
    return content() ?? this.loading();
  }

  private missing(): string | null {
    if (!this.hallId) return this.words.missingHall;
    for (const [param, say] of Object.entries(this.gateOpts.required ?? {})) if (!queryParam(param)) return say();
    return null;
  }
}

export interface SignedInGateOptions extends Omit<PageGateOptions, 'words'> {
  /** The kind of page; each keeps its own sign-in (a PC may run a counter and a rating pad). */
  page: string;
  /** The login form's title (e.g. 窗口终端登录). */
  heading: string;
  /** Who may use the page once signed in (default: anyone of the hall), and what the form tells the others. */
  allowed?: { check: (s: Session) => boolean; notice: string };
  /** The live connection's callbacks; its credentials come from the sign-in. */
  connection?: Omit<HallConnectionOptions, 'credentials' | 'onUnauthorized'>;
  /** Where the offline banner covers least (the wall board: over its notices at the bottom). */
  bannerPlacement?: 'top' | 'bottom';
  /** Whether this user's page follows the hall live (default yes); one who may not (the security administrator) opens no connection. */
  live?: (s: Session) => boolean;
}

export class SignedInGate extends PageGate {
  readonly session: SessionController;
  readonly hall: HallConnection;

  constructor(
    host: ReactiveControllerHost,
    private readonly opts: SignedInGateOptions,
  ) {
    super(host, { required: opts.required });
    this.session = new SessionController(host, opts.page, this.hallId);
    this.hall = new HallConnection(host, {
      ...opts.connection,
      credentials: () => {
        const s = this.session.session;
        return this.allowed && this.complete && s && (this.opts.live?.(s) ?? true) ? { token: s.token, hallId: this.hallId! } : null;
      },
      onUnauthorized: () => this.session.signOut(),
    });
  }

  /** Signed in as someone this page is for. */
  get allowed(): boolean {
    const s = this.session.session;
    return s !== null && (this.opts.allowed?.check(s) ?? true);
  }

  protected override inside(content: () => TemplateResult | null): TemplateResult {
    const words = screenWords().common;
    if (!this.allowed) {
      const notice = this.session.wrongHall ? words.wrongHall : this.session.session ? (this.opts.allowed?.notice ?? '') : '';
      return html`<qms-login heading=${this.opts.heading} .notice=${notice} @qms-signed-in=${this.session.signedIn}></qms-login>`;
    }
    const s = this.session.session;
    const live = s !== null && (this.opts.live?.(s) ?? true);
    return html`<qms-connection-banner placement=${this.opts.bannerPlacement ?? 'top'} ?offline=${live && !this.hall.online} .text=${words.offline}></qms-connection-banner>
      ${super.inside(content)}`;
  }
}
