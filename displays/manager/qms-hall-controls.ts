/**
 * The manager's hall-wide controls: notices on the wall board (post, take down) and 延时服务 (keep
 * today open later). They fire `qms-post-notice`, `qms-remove-notice` and `qms-extend-hours`; the
 * board acts and reports back.
 */
import { LitElement, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { baseStyles } from '../shared/page-styles';
import { fill } from '../shared/words';
import { managerStyles } from './manager-styles';
import type { ManagerWords } from './manager-words';
import { hallControlsStyles } from './qms-hall-controls-styles';

@customElement('qms-hall-controls')
export class QmsHallControls extends LitElement {
  static override styles = [baseStyles, managerStyles, hallControlsStyles];

  @property({ attribute: false }) notices: Array<{ id: string; text: string }> = [];
  @property({ attribute: false }) extendedUntil: string | null = null;
  @property({ attribute: false }) words!: ManagerWords;
  @property({ type: Boolean }) busy = false;

  @query('input[name="text"]') private _text!: HTMLInputElement;
  @query('input[name="until"]') private _until!: HTMLInputElement;

  override render() {
    const n = this.words.notices;
    const h = this.words.hours;
    return html`
      <section class="panel notices">
        <h2>${n.title}</h2>
        <form @submit=${this._post}>
          <input name="text" maxlength="200" placeholder=${n.placeholder} aria-label=${n.placeholder} required />
          <button class="primary" type="submit" ?disabled=${this.busy}>${n.post}</button>
        </form>
        <ul>
          ${this.notices.length === 0 ? html`<li class="muted">${n.none}</li>` : ''}
          ${this.notices.map(
            (x) =>
              html`<li data-notice=${x.id}><span title=${x.text}>${x.text}</span><button ?disabled=${this.busy} @click=${() => this._fire('qms-remove-notice', { id: x.id })}>${n.remove}</button></li>`,
          )}
        </ul>
      </section>
      <section class="panel hours">
        <h2>${h.title}</h2>
        <form @submit=${this._extend}>
          <label>${h.label} <input name="until" type="time" required /></label>
          <button class="primary" type="submit" ?disabled=${this.busy}>${h.extend}</button>
        </form>
        ${this.extendedUntil ? html`<div class="extended">${fill(h.extendedUntil, { until: this.extendedUntil })}</div>` : ''}
      </section>
    `;
  }

  private _post(e: SubmitEvent): void {
    e.preventDefault();
    const text = this._text.value.trim();
    if (!text) return;
    this._fire('qms-post-notice', { text });
    this._text.value = '';
  }

  private _extend(e: SubmitEvent): void {
    e.preventDefault();
    if (this._until.value) this._fire('qms-extend-hours', { until: this._until.value });
  }

  private _fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-hall-controls': QmsHallControls;
  }
}
