/**
 * The hall's public page (`/hall-info?hall=yuxi`, no sign-in): what a citizen opens from the
 * hall's website or the QR code at its door. The hall's name, today's opening hours, an area
 * picker and the expected wait by weekday × hour (`<qms-best-time>`), and a link to book.
 * It reads the same public hall data as the booking page (`GET /api/v1/halls/:id`, `…/calendar`).
 */
import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { messages, type Locale } from '../../server/i18n';
import { Api } from '../shared/api';
import { PageGate } from '../shared/page-gate';
import { pageLocale } from '../shared/words';
import type { BookingHall, CalendarDay } from '../../server/protocol';
import { phoneStyles } from './phone-styles';
import { applyLocale } from './qms-lang-switch';
import './qms-best-time';
import './qms-lang-switch';

@customElement('qms-hall-info')
export class QmsHallInfo extends LitElement {
  static override styles = [
    phoneStyles,
    css`
      :host {
        display: block;
        max-width: 60rem;
        margin: 0 auto;
        padding: 0.75rem;
        box-sizing: border-box;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: 0.5rem;
      }
      h1 {
        font-size: 1.5rem;
        margin: 0.25rem 0;
      }
      label {
        display: block;
        font-weight: 600;
        margin: 0.75rem 0 0.25rem;
      }
      select {
        font-size: 1.1rem;
        padding: 0.5rem;
        width: 100%;
        max-width: 100%;
      }
      a.book {
        display: inline-block;
        margin: 1rem 0;
        font-size: 1.2rem;
        padding: 0.75rem 1.25rem;
        background: #0a2a5c;
        color: #fff;
        border-radius: 0.5rem;
        text-decoration: none;
      }
    `,
  ];

  @state() private _locale: Locale = pageLocale();
  @state() private _hall: BookingHall | null = null;
  @state() private _today: CalendarDay | null = null;
  @state() private _areaId: string | null = null;

  private readonly gate = new PageGate(this, { words: () => messages(this._locale).calendar.common });
  private readonly hallId = this.gate.hallId;

  override connectedCallback(): void {
    super.connectedCallback();
    applyLocale(this._locale);
    if (this.hallId) void this._load();
  }

  override willUpdate(): void {
    const w = messages(this._locale).calendar.hallInfo;
    document.title = this._hall ? `${w.title} · ${this._hall.name}` : w.title;
  }

  private async _load(): Promise<void> {
    const api = new Api({ locale: this._locale });
    const base = `/api/v1/halls/${encodeURIComponent(this.hallId ?? '')}`;
    const hall = await api.get<BookingHall>(base);
    this._hall = hall;
    this._areaId = hall.areas[0]?.id ?? null;
    const days = (await api.get<{ days: CalendarDay[] }>(`${base}/calendar?from=${hall.today}&to=${hall.today}`)).days;
    this._today = days[0] ?? null;
  }

  override render() {
    const t = messages(this._locale).calendar;
    const w = t.hallInfo;
    const hall = this._hall;
    const sessions = this._today?.sessions ?? [];
    return html`<header>
        <h1>${hall?.name ?? ''}<br /><small>${w.title}</small></h1>
        <qms-lang-switch .locale=${this._locale} @qms-locale-change=${(e: CustomEvent<Locale>) => (this._locale = e.detail)}></qms-lang-switch>
      </header>
      <main>
        ${this.gate.render(() =>
          hall
            ? html`<section class="card">
                  <h2>${w.todayHours}</h2>
                  <p data-hours>${sessions.length === 0 ? w.closedToday : sessions.map((s) => `${s.start}–${s.end}`).join('  ')}</p>
                  ${hall.address ? html`<p>${hall.address}</p>` : null}
                </section>
                <label for="area">${w.area}</label>
                <select id="area" @change=${(e: Event) => (this._areaId = (e.target as HTMLSelectElement).value)}>
                  ${hall.areas.map((a) => html`<option value=${a.id} ?selected=${a.id === this._areaId}>${a.name}</option>`)}
                </select>
                ${this._areaId ? html`<qms-best-time .hallId=${hall.id} .areaId=${this._areaId} .locale=${this._locale}></qms-best-time>` : null}
                <a class="book" href=${`/book?hall=${encodeURIComponent(hall.id)}${this._locale === 'en' ? '&lang=en' : ''}`}>${w.book}</a>`
            : null,
        )}
      </main>`;
  }
}
