/**
 * The rating pad at a counter (评价器, `/rating?hall=yuxi&window=3`): when the window completes a
 * service it asks the citizen for one of the five 好差评 levels; a low one asks why (reason tags);
 * then it thanks them and goes back to waiting. It only listens to events, so it keeps no board.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { HallEvent } from '../../server/protocol';
import { ApiFailure } from '../../displays/shared/api';
import { baseStyles, fullScreenStyles } from '../../displays/shared/page-styles';
import { SignedInGate } from '../../displays/shared/page-gate';
import { queryParam } from '../../displays/shared/session';
import { fill, pageLocale, screenWords } from '../../displays/shared/words';

/** Best first, as citizens read a row of choices. */
const SCORES = [5, 4, 3, 2, 1] as const;
/** Scores that ask for a reason before they are sent (不满意, 非常不满意). */
const LOW = 2;
const THANKS_MS = 4000;
/** A prompt nobody answers goes away, so the next citizen does not rate someone else's service. */
const ASK_MS = 90_000;

type ReasonId = keyof ReturnType<typeof screenWords>['rating']['reasons'];

type Stage =
  | { kind: 'idle' }
  | { kind: 'ask'; ticketId: string; number: string }
  | { kind: 'reasons'; ticketId: string; number: string; score: number; tags: ReasonId[] }
  | { kind: 'thanks' };

@customElement('qms-rating-pad')
export class QmsRatingPad extends LitElement {
  static override styles = [
    baseStyles,
    fullScreenStyles,
    css`
      .pad {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        height: 100%;
        padding: 3vmin 4vmin;
        gap: 2.5vmin;
        text-align: center;
      }
      h1 {
        margin: 0;
        font-size: 6vmin;
      }
      .sub {
        margin: 1vmin 0 0;
        font-size: 4vmin;
        color: var(--qms-muted);
      }
      .centre {
        display: grid;
        place-content: center;
        gap: 3vmin;
      }
      .big-word {
        font-size: 10vmin;
        font-weight: 900;
      }
      .scores {
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 1fr));
        gap: 2vmin;
      }
      button {
        font: inherit;
        cursor: pointer;
      }
      .score {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 2vmin;
        padding: 2vmin 1vmin;
        font-size: 5vmin;
        font-weight: 800;
        color: #111;
        background: #f2f5fa;
        border: 0.6vmin solid #f2f5fa;
        border-radius: 2.4vmin;
      }
      .score .stars {
        font-size: 4.2vmin;
        letter-spacing: 0.1em;
        color: #b07800;
      }
      .score.low {
        background: #ffe3e3;
        border-color: #ffe3e3;
      }
      .tags {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(30vmin, 1fr));
        gap: 2vmin;
        align-content: center;
      }
      .tag {
        min-height: 14vmin;
        font-size: 4.6vmin;
        font-weight: 700;
        color: var(--qms-text);
        background: #1d3a66;
        border: 0.5vmin solid #6b86b3;
        border-radius: 2vmin;
      }
      .tag[aria-pressed='true'] {
        color: #111;
        background: var(--qms-accent);
        border: 1vmin double #111;
      }
      .tag[aria-pressed='true']::before {
        content: '✓ ';
      }
      .row {
        display: flex;
        justify-content: center;
        gap: 3vmin;
      }
      .submit,
      .back {
        min-width: 30vmin;
        padding: 2vmin 4vmin;
        font-size: 4.6vmin;
        font-weight: 800;
        border-radius: 2vmin;
      }
      .submit {
        color: #111;
        background: var(--qms-accent);
        border: 0;
      }
      .submit:disabled {
        opacity: 0.5;
      }
      .back {
        color: var(--qms-text);
        background: transparent;
        border: 0.4vmin solid var(--qms-muted);
      }
      .error {
        font-size: 4vmin;
        font-weight: 700;
        color: #000;
        background: #ffd0d0;
        border: 0.6vmin double #b00020;
        border-radius: 1.6vmin;
        padding: 1vmin 3vmin;
      }
      .message {
        display: grid;
        place-items: center;
        height: 100%;
        font-size: 4vmin;
        padding: 4vmin;
      }
      @media (orientation: portrait) {
        .scores {
          grid-template-columns: minmax(0, 1fr);
        }
        .score {
          flex-direction: row;
          justify-content: space-between;
          padding: 2vmin 5vmin;
        }
      }
    `,
  ];

  private readonly words = screenWords(pageLocale());
  private readonly windowId = queryParam('window');
  private readonly gate = new SignedInGate(this, {
    page: 'rating-pad',
    heading: this.words.login.rating,
    required: { window: () => this.words.common.missingWindow },
    connection: { followBoard: false, onEvent: (e) => this._onEvent(e) },
  });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;

  @state() private _stage: Stage = { kind: 'idle' };
  @state() private _error = '';
  @state() private _busy = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = this.words.rating.title;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._clearTimer();
  }

  override render() {
    return this.gate.render(() => html`<div class="pad" data-stage=${this._stage.kind}>${this._renderStage()}</div>`);
  }

  private _renderStage(): TemplateResult {
    const w = this.words.rating;
    const s = this._stage;
    const windowNumber = this.hall.board?.windows.find((x) => x.id === this.windowId)?.number ?? this.windowId;
    const title = html`<header><h1>${fill(w.idleTitle, { window: windowNumber! })}</h1></header>`;
    const error = this._error ? html`<div class="error" role="alert">${this._error}</div>` : html`<div></div>`;
    switch (s.kind) {
      case 'idle':
        return html`${title}
          <div class="centre"><div class="big-word">${w.idleHint}</div></div>
          <div></div>`;
      case 'thanks':
        return html`${title}
          <div class="centre" role="status"><div class="big-word">${w.thanks}</div><div class="sub">${w.thanksHint}</div></div>
          <div></div>`;
      case 'ask':
        return html`<header><h1>${w.prompt}</h1><p class="sub">${fill(w.ticket, { number: s.number })}</p></header>
          <div class="scores">
            ${SCORES.map(
              (score) => html`<button class="score ${score <= LOW ? 'low' : ''}" data-score=${score} ?disabled=${this._busy} @click=${() => this._choose(score)}>
                <span class="stars" aria-hidden="true">${'★'.repeat(score)}</span><span>${w.scores[String(score) as keyof typeof w.scores]}</span>
              </button>`,
            )}
          </div>
          ${error}`;
      case 'reasons':
        return html`<header><h1>${w.reasonPrompt}</h1><p class="sub">${w.scores[String(s.score) as keyof typeof w.scores]} · ${fill(w.ticket, { number: s.number })}</p></header>
          <div class="tags">
            ${(Object.keys(w.reasons) as ReasonId[]).map(
              (id) => html`<button class="tag" data-tag=${id} aria-pressed=${s.tags.includes(id) ? 'true' : 'false'} @click=${() => this._toggle(id)}>${w.reasons[id]}</button>`,
            )}
          </div>
          <div>
            ${this._error ? error : ''}
            <div class="row">
              <button class="back" @click=${this._back}>${w.back}</button>
              <button class="submit" ?disabled=${this._busy || s.tags.length === 0} @click=${() => this._submit(s.ticketId, s.score, s.tags)}>${w.submit}</button>
            </div>
          </div>`;
    }
  }

  private _onEvent(e: HallEvent): void {
    if (e.type !== 'ticket.completed' || e.windowId !== this.windowId) return;
    this._error = '';
    this._stage = { kind: 'ask', ticketId: e.ticket.id, number: e.ticket.number };
    this._later(ASK_MS);
  }

  private _choose(score: number): void {
    const s = this._stage;
    if (s.kind !== 'ask') return;
    if (score <= LOW) {
      this._stage = { kind: 'reasons', ticketId: s.ticketId, number: s.number, score, tags: [] };
      this._later(ASK_MS);
      return;
    }
    void this._submit(s.ticketId, score, []);
  }

  private _toggle(id: ReasonId): void {
    const s = this._stage;
    if (s.kind !== 'reasons') return;
    this._stage = { ...s, tags: s.tags.includes(id) ? s.tags.filter((t) => t !== id) : [...s.tags, id] };
  }

  private _back(): void {
    const s = this._stage;
    if (s.kind === 'reasons') this._stage = { kind: 'ask', ticketId: s.ticketId, number: s.number };
  }

  private async _submit(ticketId: string, score: number, tags: ReasonId[]): Promise<void> {
    if (this._busy || !this.hallId) return;
    this._busy = true;
    this._error = '';
    try {
      await this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(ticketId)}/rating`, {
        score,
        ...(tags.length ? { tags } : {}),
      });
      this._stage = { kind: 'thanks' };
      this._later(THANKS_MS);
    } catch (err) {
      this._error = err instanceof ApiFailure ? err.display : String(err);
    } finally {
      this._busy = false;
    }
  }

  /** Back to waiting after a while. */
  private _later(ms: number): void {
    this._clearTimer();
    this._timer = setTimeout(() => {
      this._stage = { kind: 'idle' };
      this._error = '';
    }, ms);
  }

  private _clearTimer(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-rating-pad': QmsRatingPad;
  }
}
