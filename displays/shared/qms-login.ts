/**
 * The login form every role page shows first (api.md: inputs `username` and `password`, a submit
 * button). On success it fires `qms-signed-in` with the session; the page stores it.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LoginResponse } from '../../server/protocol';
import { Api, ApiFailure } from './api';
import { baseStyles } from './page-styles';
import { pageLocale, screenWords } from './words';

@customElement('qms-login')
export class QmsLogin extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        min-height: 100vh;
        align-items: center;
        justify-content: center;
        background: var(--qms-bg);
        color: var(--qms-text);
      }
      form {
        display: grid;
        gap: 1rem;
        width: min(28rem, 90vw);
        padding: 2rem;
        background: var(--qms-panel);
        border-radius: 12px;
      }
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.8rem;
      }
      label {
        display: grid;
        gap: 0.3rem;
        font-size: 1.2rem;
      }
      input {
        font: inherit;
        font-size: 1.3rem;
        padding: 0.6rem;
        border-radius: 6px;
        border: 2px solid #6b86b3;
      }
      button {
        font: inherit;
        font-size: 1.4rem;
        padding: 0.7rem;
        border: 0;
        border-radius: 8px;
        background: var(--qms-accent);
        color: #111;
        font-weight: 700;
        cursor: pointer;
      }
      .error {
        color: #ffb3b3;
        font-size: 1.1rem;
        min-height: 1.5em;
      }
    `,
  ];

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
