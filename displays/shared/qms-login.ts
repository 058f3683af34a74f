/**
 * The login form every role page shows first (inputs `username` and `password`, a submit button:
 * what the screen tests and a technician's script fill in). On success it fires `qms-signed-in` with the session; the page stores it.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LoginResponse } from '../../server/protocol';
import { Api, ApiFailure } from './api';
import { baseStyles } from './page-styles';
import { pageLocale, screenWords } from './words';
import { loginStyles } from './qms-login-styles';

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

  override render() {
    return html`
      <form @submit=${this._onSubmit}>
        <h1>${this.heading}</h1>
        <label>${this.words.username} <input name="username" autocomplete="username" required /></label>
        <label>${this.words.password} <input name="password" type="password" autocomplete="current-password" required /></label>
        <div class="error" role="alert">${this._error || this.notice}</div>
        <button type="submit" ?disabled=${this._busy}>${this.words.submit}</button>
      </form>
    `;
  }

  private async _onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._busy = true;
    this._error = '';
    try {
      const session = await new Api({ locale: pageLocale() }).post<LoginResponse>('/api/v1/auth/login', {
        username: String(data.get('username') ?? '').trim(),
        password: String(data.get('password') ?? ''),
      });
      this.dispatchEvent(new CustomEvent('qms-signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (err) {
      this._error = err instanceof ApiFailure ? (err.code === 'unauthorized' ? this.words.wrongPassword : err.display) : this.words.failed;
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-login': QmsLogin;
  }
}
