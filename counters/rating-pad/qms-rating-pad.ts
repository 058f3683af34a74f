/**
 * The rating pad at a counter (评价器, `/rating?hall=yuxi&window=3`): when the window completes a
 * service it asks the citizen for one of the five 好差评 levels; a low one asks why (reason tags);
 * then it thanks them and goes back to waiting. It only listens to events, so it keeps no board.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isBadScore } from '../../server/domain/rating-scores';
import type { HallEvent } from '../../server/protocol';
import { ApiFailure } from '../../displays/shared/api';
import { baseStyles, fullScreenStyles } from '../../displays/shared/page-styles';
import { SignedInGate } from '../../displays/shared/page-gate';
import { queryParam } from '../../displays/shared/session';
import { fill, pageLocale, screenWords } from '../../displays/shared/words';
import { ratingPadStyles } from './qms-rating-pad-styles';

/** Best first, as citizens read a row of choices. */
const SCORES = [5, 4, 3, 2, 1] as const;
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
  static override styles = [baseStyles, fullScreenStyles, ratingPadStyles];

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
              (score) => html`<button class="score ${isBadScore(score) ? 'low' : ''}" data-score=${score} ?disabled=${this._busy} @click=${() => this._choose(score)}>
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
    if (isBadScore(score)) {
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
