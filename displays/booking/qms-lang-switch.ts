/**
 * The 中文/English switch of the phone pages. It names the language it switches to, in that
 * language, and keeps the choice in the address (`?lang=en`) so a reload or a shared link keeps it.
 * Fires `qms-locale-change` with the new locale; the page re-renders in it.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { langSwitchStyles } from './qms-lang-switch-styles';

/** Writes the locale into the address and the document without reloading the page. */
export function applyLocale(locale: Locale): void {
  const url = new URL(location.href);
  if (locale === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  history.replaceState(history.state, '', url);
  document.documentElement.lang = locale;
}

@customElement('qms-lang-switch')
export class QmsLangSwitch extends LitElement {
  static override styles = langSwitchStyles;

  @property() locale: Locale = 'zh-CN';

  override render() {
    const words = messages(this.locale).calendar.common;
    const other = this.locale === 'en' ? 'zh-CN' : 'en';
    return html`<button type="button" lang=${other} aria-label=${words.otherLanguageLabel} @click=${() => this._onClick(other)}>
      ${words.otherLanguage}
    </button>`;
  }

  private _onClick(next: Locale): void {
    applyLocale(next);
    this.dispatchEvent(new CustomEvent<Locale>('qms-locale-change', { detail: next, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-lang-switch': QmsLangSwitch;
  }
}
