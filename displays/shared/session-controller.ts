/**
 * A role page's sign-in as a Lit controller: the stored session (session.ts) if it belongs to this
 * hall, the API client with its token, and a way back to the login form when the server says the
 * token is no longer good (401) or the user signs out.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAdministrator } from '../../server/domain/account-rules';
import { Api } from './api';
import { clearSession, loadSession, saveSession, type Session } from './session';
import { pageLocale } from './words';

export class SessionController implements ReactiveController {
  session: Session | null;
  /** Set when a stored or fresh sign-in was for another hall, so the form can say why. */
  wrongHall = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The kind of page; each keeps its own sign-in (a PC may run a counter and a rating pad). */
    private readonly page: string,
    private readonly hallId: string | null,
  ) {
    host.addController(this);
    const stored = loadSession(page);
    this.session = stored && this.fits(stored) ? stored : null;
  }

  hostConnected(): void {}

  get token(): string | null {
    return this.session?.token ?? null;
  }

  /** The API as this page's user; a 401 signs the page out. */
  get api(): Api {
    return new Api({ token: this.token, locale: pageLocale(), onUnauthorized: () => this.signOut() });
  }

  /** Handler for `<qms-login>`'s `qms-signed-in`. */
  readonly signedIn = (e: CustomEvent<Session>): void => {
    if (!this.fits(e.detail)) {
      this.wrongHall = true;
      this.host.requestUpdate();
      return;
    }
    this.wrongHall = false;
    saveSession(this.page, e.detail);
    this.session = e.detail;
    this.host.requestUpdate();
  };

  /**
   * The user signs out: the server revokes the token (so a copy of it is useless), then the page
   * forgets it. The page forgets it even when the server cannot be reached.
   */
  logOut(): void {
    if (this.token) void this.api.post('/api/v1/auth/logout').catch(() => undefined);
    this.signOut();
  }

  /** Forgets the sign-in (the server already refused the token, or the user logged out). */
  signOut(): void {
    clearSession(this.page);
    this.session = null;
    this.host.requestUpdate();
  }

  /** The three administrators belong to no hall: any hall's page may hold their sign-in (what they may do there is the server's to say). */
  private fits(s: Session): boolean {
    return isAdministrator(s.user.role) || this.hallId === null || s.user.hallId === this.hallId;
  }
}
