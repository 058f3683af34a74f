/**
 * The login form every role page shows first (inputs `username` and `password`, a submit button:
 * what the screen tests and a technician's script fill in). Device pages (kiosk, displays, rating
 * pad) also offer a pairing code from the console instead of a password; a one-time password's
 * sign-in continues with choosing a new one (checked by the server's own rule before sending).
 * An account with a second factor is asked for the code from its authenticator app; one that must
 * have a factor and has none enrols here (a QR code, the key in text, a first code), and is shown
 * its recovery codes once. On success it fires `qms-signed-in` with the session; the page stores it.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PASSWORD_MIN_LENGTH, passwordProblems } from '../../server/domain/password-policy';
import { messages } from '../../server/i18n';
import type { LoginResponse } from '../../server/protocol';
import type { SecondFactorSetup } from '../../server/auth/second-factor';
import { Api, ApiFailure } from './api';
import { baseStyles } from './page-styles';
import { fill, pageLocale, screenWords } from './words';
import { loginStyles } from './qms-login-styles';

/** The pages a device shows: they may be enrolled by pairing code. */
const DEVICE_PAGES = ['/kiosk', '/display/hall', '/display/window', '/rating'];

type Mode = 'password' | 'pairing' | 'change' | 'code' | 'enrol' | 'recovery';

@customElement('qms-login')
export class QmsLogin extends LitElement {
  static override styles = [baseStyles, loginStyles];

  private readonly words = screenWords().login;

  /** What this page is, shown as the form's title (e.g. 窗口终端登录). */
  @property() heading = this.words.heading;
  /** Why the form is shown again (e.g. the account belongs to another hall); empty for none. */
  @property() notice = '';

  @state() private _error = '';
  @state() private _busy = false;
  @state() private _mode: Mode = 'password';
  /** The one-time password's sign-in, kept while its holder chooses a new password. */
  private _pending: { session: LoginResponse; oldPassword: string } | null = null;
  /** The new password as typed, so the rules beside it can be ticked. */
  @state() private _typed = '';
  /** The credentials kept while the second factor's code is asked for. */
  private _credentials: { username: string; password: string } | null = null;
  /** The session that may only enrol a second factor, and the secret being enrolled. */
  private _enrolling: LoginResponse | null = null;
  @state() private _setup: SecondFactorSetup | null = null;
  /** The enrolled session and its recovery codes, shown once before going on. */
  @state() private _recovery: { session: LoginResponse; codes: string[] } | null = null;

  private get _hallId(): string | null {
    return new URLSearchParams(location.search).get('hall');
  }

  private get _pairable(): boolean {
    return DEVICE_PAGES.includes(location.pathname) && this._hallId !== null;
  }

  /**
   * The form is the page's main content while it is shown: a page that shows the form alone (most
   * of them, before sign-in) gets its one `main` landmark here; inside a page's own `main`, none.
   */
  override render() {
    const form = this._renderForm();
    return this.closest('main') ? form : html`<main>${form}</main>`;
  }

  private _renderForm() {
    if (this._mode === 'code') return this._codeForm();
    if (this._mode === 'enrol') return this._enrolForm();
    if (this._mode === 'recovery') return this._recoveryView();
    if (this._mode === 'change') {
      return html`
        <form @submit=${this._onChange}>
          <h1>${this.words.changeHeading}</h1>
          <label
            >${this.words.newPassword}
            <input
              name="newPassword"
              type="password"
              autocomplete="new-password"
              aria-describedby="password-rules"
              required
              @input=${(e: Event) => (this._typed = (e.target as HTMLInputElement).value)}
          /></label>
          ${this._rulesView()}
          <label>${this.words.repeatPassword} <input name="repeatPassword" type="password" autocomplete="new-password" required /></label>
          <div class="error" role="alert">${this._error}</div>
          <button type="submit" ?disabled=${this._busy}>${this.words.change}</button>
        </form>
      `;
    }
    const pairing = this._mode === 'pairing';
    return html`
      <form @submit=${pairing ? this._onPair : this._onSubmit}>
        <h1>${this.heading}</h1>
        ${
          pairing
            ? html`<label
              >${this.words.pairingCode}
              <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="\\d{6}" maxlength="6" required
            /></label>`
            : html`<label>${this.words.username} <input name="username" autocomplete="username" required /></label>
              <label>${this.words.password} <input name="password" type="password" autocomplete="current-password" required /></label>`
        }
        <div class="error" role="alert">${this._error || this.notice}</div>
        <button type="submit" ?disabled=${this._busy}>${pairing ? this.words.pair : this.words.submit}</button>
        ${
          this._pairable
            ? html`<button type="button" class="switch" @click=${this._onSwitch}>${pairing ? this.words.usePassword : this.words.usePairing}</button>`
            : null
        }
      </form>
    `;
  }

  private _codeForm() {
    return html`
      <form @submit=${this._onCode}>
        <h1>${this.words.codeHeading}</h1>
        <label
          >${this.words.code}
          <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required autofocus
        /></label>
        <div class="error" role="alert">${this._error}</div>
        <button type="submit" ?disabled=${this._busy}>${this.words.verify}</button>
      </form>
    `;
  }

  private _enrolForm() {
    const setup = this._setup;
    return html`
      <form @submit=${this._onEnrol} class="enrol">
        <h1>${this.words.enrolHeading}</h1>
        <p class="intro">${this.words.enrolIntro}</p>
        ${
          setup
            ? html`<img class="qr" alt=${this.words.qrAlt} src=${`data:image/svg+xml;base64,${btoa(setup.qrSvg)}`} />
              <p class="manual">${this.words.enrolManual} <code class="secret" data-secret=${setup.secret}>${setup.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code></p>`
            : null
        }
        <label
          >${this.words.enrolCode}
          <input name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="\\s*\\d{3}\\s?\\d{3}\\s*" maxlength="7" required
        /></label>
        <div class="error" role="alert">${this._error}</div>
        <button type="submit" ?disabled=${this._busy || !setup}>${this.words.enrol}</button>
      </form>
    `;
  }

  private _recoveryView() {
    const r = this._recovery;
    return html`
      <form @submit=${this._onRecoveryKept}>
        <h1>${this.words.recoveryHeading}</h1>
        <p class="intro">${this.words.recoveryIntro}</p>
        <ol class="recovery">
          ${(r?.codes ?? []).map((c) => html`<li><code>${c}</code></li>`)}
        </ol>
        <button type="submit">${this.words.recoveryDone}</button>
      </form>
    `;
  }

  /** The rules up front, beside the field, each ticked once the new password keeps it. */
  private _rulesView() {
    const w = this.words;
    const broken = new Set(this._typed ? passwordProblems(this._typed, this._pending?.session.user.id ?? '') : []);
    const rules: Array<{ id: string; text: string; kept: boolean }> = [
      { id: 'length', text: fill(w.ruleLength, { min: PASSWORD_MIN_LENGTH }), kept: !broken.has('too_short') && !broken.has('too_long') },
      { id: 'kinds', text: w.ruleKinds, kept: !broken.has('too_simple') },
      { id: 'account', text: w.ruleAccount, kept: !broken.has('contains_account') },
      { id: 'demo', text: w.ruleDemo, kept: !broken.has('demo_password') },
    ];
    return html`<div class="rules" id="password-rules">
      <span>${w.rulesTitle}</span>
      <ul>
        ${rules.map((r) => html`<li data-rule=${r.id} class=${this._typed && r.kept ? 'kept' : ''}>${this._typed && r.kept ? '✓ ' : '· '}${r.text}</li>`)}
      </ul>
    </div>`;
  }

  private _onSwitch() {
    this._mode = this._mode === 'pairing' ? 'password' : 'pairing';
    this._error = '';
  }

  /** A session to go on with: first the enrolment it still needs, else the page. */
  private async _signedIn(session: LoginResponse) {
    if (session.mustEnrolSecondFactor) {
      this._enrolling = session;
      this._setup = null;
      this._mode = 'enrol';
      this._setup = await new Api({ locale: pageLocale(), token: session.token }).post<SecondFactorSetup>('/api/v1/auth/second-factor');
      return;
    }
    this._done(session);
  }

  private _done(session: LoginResponse) {
    this.dispatchEvent(new CustomEvent('qms-signed-in', { detail: session, bubbles: true, composed: true }));
  }

  private async _attempt(work: () => Promise<void>, refused: (err: ApiFailure) => string) {
    this._busy = true;
    this._error = '';
    try {
      await work();
    } catch (err) {
      this._error = err instanceof ApiFailure ? refused(err) : this.words.failed;
    } finally {
      this._busy = false;
    }
  }

  private _onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    return this._attempt(
      async () => {
        const session = await new Api({ locale: pageLocale() }).post<LoginResponse>('/api/v1/auth/login', {
          username: String(data.get('username') ?? '').trim(),
          password,
        });
        if (session.mustChangePassword) {
          this._pending = { session, oldPassword: password };
          this._mode = 'change';
          return;
        }
        await this._signedIn(session);
      },
      (err) => {
        if (err.code === 'second_factor_required') {
          // The password was right: the code from the app next, sent with the same credentials.
          this._credentials = { username: String(data.get('username') ?? '').trim(), password };
          this._mode = 'code';
          return '';
        }
        return err.code === 'unauthorized' ? this.words.wrongPassword : err.display;
      },
    );
  }

  private _onCode(e: SubmitEvent) {
    e.preventDefault();
    const credentials = this._credentials;
    if (!credentials) return;
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '').trim();
    return this._attempt(
      async () => {
        const session = await new Api({ locale: pageLocale() }).post<LoginResponse>('/api/v1/auth/login', { ...credentials, code });
        this._credentials = null;
        if (session.mustChangePassword) {
          this._pending = { session, oldPassword: credentials.password };
          this._mode = 'change';
          return;
        }
        await this._signedIn(session);
      },
      (err) => (err.code === 'second_factor_invalid' ? this.words.wrongSecondFactor : err.display),
    );
  }

  private _onEnrol(e: SubmitEvent) {
    e.preventDefault();
    const session = this._enrolling;
    if (!session) return;
    const code = String(new FormData(e.target as HTMLFormElement).get('totp') ?? '').trim();
    return this._attempt(
      async () => {
        const api = new Api({ locale: pageLocale(), token: session.token });
        const enrolled = await api.post<LoginResponse & { recoveryCodes: string[] }>('/api/v1/auth/second-factor/confirm', { code });
        const { recoveryCodes, ...next } = enrolled;
        this._enrolling = null;
        this._setup = null;
        this._recovery = { session: next, codes: recoveryCodes };
        this._mode = 'recovery';
      },
      (err) => (err.code === 'second_factor_invalid' ? this.words.wrongSecondFactor : err.display),
    );
  }

  private _onRecoveryKept(e: SubmitEvent) {
    e.preventDefault();
    const r = this._recovery;
    if (!r) return;
    this._recovery = null;
    this._done(r.session);
  }

  private _onPair(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    return this._attempt(
      async () => {
        const session = await new Api({ locale: pageLocale() }).post<LoginResponse>('/api/v1/auth/pair', {
          hallId: this._hallId,
          code: String(data.get('code') ?? '').trim(),
        });
        this._done(session);
      },
      (err) => (err.code === 'pairing_code_invalid' ? this.words.wrongCode : err.display),
    );
  }

  private _onChange(e: SubmitEvent) {
    e.preventDefault();
    const pending = this._pending;
    if (!pending) return;
    const data = new FormData(e.target as HTMLFormElement);
    const newPassword = String(data.get('newPassword') ?? '');
    if (newPassword !== String(data.get('repeatPassword') ?? '')) {
      this._error = this.words.mismatch;
      return;
    }
    // The server's own rule, so the form refuses exactly what the server would, in words.
    const problems = passwordProblems(newPassword, pending.session.user.id);
    if (problems.length > 0) {
      const words = messages(pageLocale()).passwordProblems;
      this._error = problems.map((p) => words[p]).join('；');
      return;
    }
    return this._attempt(
      async () => {
        const api = new Api({ locale: pageLocale(), token: pending.session.token });
        const session = await api.post<LoginResponse>('/api/v1/auth/password', { oldPassword: pending.oldPassword, newPassword });
        this._pending = null;
        await this._signedIn(session);
      },
      (err) => err.display,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-login': QmsLogin;
  }
}
