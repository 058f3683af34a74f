/**
 * The rating pad at a counter (评价器, `/rating?hall=yuxi&window=3`): it shows who serves at its
 * window (name, 工号 and a portrait placeholder with the name's initial, as 好差评 asks); when the
 * window completes a service it asks the citizen for one of the five 好差评 levels; a low one asks
 * why (reason tags), then for an optional comment and contact phone for the 回访; then it thanks
 * them and goes back to waiting. What it shows comes from the server's prompt
 * (`windows/:id/rating-prompt`), asked on start and after each event at its window, so a reload
 * brings a pending rating back.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isChinaMobile } from '../../server/domain/phone-number';
import type { RatingPrompt } from '../../server/domain/rating-prompt';
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
/** A prompt nobody answers goes away (the server's `RATING_PROMPT_MS` for a fresh completion). */
const ASK_MS = 90_000;

type ReasonId = keyof ReturnType<typeof screenWords>['rating']['reasons'];
type Prompt = RatingPrompt & { contact: boolean };

type Stage =
  | { kind: 'idle' }
  | { kind: 'ask'; ticketId: string; number: string }
  | { kind: 'reasons'; ticketId: string; number: string; score: number; tags: ReasonId[] }
  | { kind: 'contact'; ticketId: string; number: string; score: number; tags: ReasonId[]; comment: string; phone: string }
  | { kind: 'thanks' };

/** The initial a portrait placeholder shows: a Chinese name's surname, or a Latin name's initials. */
export function initialsOf(name: string): string {
  const n = name.trim();
  if (!n) return '?';
  const parts = n.split(/\s+/);
  // 值班长 杨建华 → 杨: a title before the name is not the name.
  if (/^[\u3400-\u9fff]/.test(parts.at(-1)!)) return parts.at(-1)![0]!;
  return parts
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

@customElement('qms-rating-pad')
export class QmsRatingPad extends LitElement {
  static override styles = [baseStyles, fullScreenStyles, ratingPadStyles];

  private readonly words = screenWords(pageLocale());
  private readonly windowId = queryParam('window');
  private readonly gate = new SignedInGate(this, {
    page: 'rating-pad',
    heading: this.words.login.rating,
    required: { window: () => this.words.common.missingWindow },
    connection: { followBoard: false, onEvent: (e) => this._onEvent(e), onSnapshot: () => void this._loadPrompt() },
  });
  private readonly hallId = this.gate.hallId;
  private readonly session = this.gate.session;
  private readonly hall = this.gate.hall;

  @state() private _stage: Stage = { kind: 'idle' };
  @state() private _prompt: Prompt | null = null;
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
    return this.gate.render(() => html`<main class="pad" data-stage=${this._stage.kind}>${this._renderStage()}${this._clerk()}</main>`);
  }

  /** Who serves here: name, 工号 and a portrait placeholder (accounts keep no photo). */
  private _clerk(): TemplateResult {
    const w = this.words.rating;
    const c = this._prompt?.clerk ?? null;
    if (!c) return html`<footer class="clerk none" data-clerk="">${this._prompt ? w.noClerk : ''}</footer>`;
    return html`<footer class="clerk" data-clerk=${c.id} aria-label=${w.clerkLabel}>
      <span class="portrait" aria-hidden="true">${initialsOf(c.name)}</span>
      <span class="who"><span class="label">${w.clerkLabel}</span><span class="name">${c.name}</span>${c.staffNo ? html`<span class="staff-no">${fill(w.staffNo, { staffNo: c.staffNo })}</span>` : ''}</span>
    </footer>`;
  }

  private _renderStage(): TemplateResult {
    const w = this.words.rating;
    const s = this._stage;
    const windowNumber = this._prompt?.windowNumber ?? this.hall.board?.windows.find((x) => x.id === this.windowId)?.number ?? this.windowId;
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
              (
                score,
              ) => html`<button class="score ${isBadScore(score) ? 'low' : ''}" data-score=${score} ?disabled=${this._busy} @click=${() => this._choose(score)}>
                <span class="stars" aria-hidden="true">${'★'.repeat(score)}</span><span>${w.scores[String(score) as keyof typeof w.scores]}</span>
              </button>`,
            )}
          </div>
          ${error}`;
      case 'reasons':
        return html`<header><h1>${w.reasonPrompt}</h1><p class="sub">${w.scores[String(s.score) as keyof typeof w.scores]} · ${fill(w.ticket, { number: s.number })}</p></header>
          <div class="tags">
            ${(Object.keys(w.reasons) as ReasonId[]).map(
              (id) =>
                html`<button class="tag" data-tag=${id} aria-pressed=${s.tags.includes(id) ? 'true' : 'false'} @click=${() => this._toggle(id)}>${w.reasons[id]}</button>`,
            )}
          </div>
          <div>
            ${this._error ? error : ''}
            <div class="row">
              <button class="back" @click=${this._back}>${w.back}</button>
              <button class="submit" ?disabled=${s.tags.length === 0} @click=${this._toContact}>${w.next}</button>
            </div>
          </div>`;
      case 'contact': {
        const phoneBad = s.phone.trim() !== '' && !isChinaMobile(s.phone);
        const offerPhone = this._prompt?.contact ?? false;
        return html`<header><h1>${w.contactPrompt}</h1><p class="sub">${w.scores[String(s.score) as keyof typeof w.scores]} · ${fill(w.ticket, { number: s.number })}</p></header>
          <div class="contact">
            <label class="field"
              >${w.commentLabel}
              <textarea name="comment" maxlength="500" rows="2" placeholder=${w.commentPlaceholder} .value=${s.comment} @input=${(e: InputEvent) => this._edit({ comment: (e.target as HTMLTextAreaElement).value })}></textarea>
            </label>
            ${
              offerPhone
                ? html`<label class="field"
                    >${w.phoneLabel}
                    <input name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" placeholder=${w.phonePlaceholder} aria-invalid=${phoneBad ? 'true' : 'false'} aria-describedby="phone-note" .value=${s.phone} @input=${(e: InputEvent) => this._edit({ phone: (e.target as HTMLInputElement).value })} />
                  </label>
                  <p id="phone-note" class="note ${phoneBad ? 'bad' : ''}">${phoneBad ? w.phoneInvalid : w.phoneNote}</p>`
                : ''
            }
          </div>
          <div>
            ${this._error ? error : ''}
            <div class="row">
              <button class="back" @click=${this._back}>${w.back}</button>
              <button class="submit" ?disabled=${this._busy || phoneBad} @click=${() => this._submit(s.ticketId, s.score, s.tags, s.comment, offerPhone ? s.phone : '')}>${w.submit}</button>
            </div>
          </div>`;
      }
    }
  }

  /** Asks the server what to show: the clerk, and a rating still waiting (after a reload, too). */
  private async _loadPrompt(): Promise<void> {
    if (!this.hallId || !this.windowId || !this.gate.allowed) return;
    try {
      const p = await this.session.api.get<Prompt>(
        `/api/v1/halls/${encodeURIComponent(this.hallId)}/windows/${encodeURIComponent(this.windowId)}/rating-prompt`,
      );
      this._prompt = p;
      const s = this._stage;
      if (p.pending && (s.kind === 'idle' || s.kind === 'thanks' || ('ticketId' in s && s.ticketId !== p.pending.ticketId))) {
        this._error = '';
        this._stage = { kind: 'ask', ticketId: p.pending.ticketId, number: p.pending.number };
        this._later(p.pending.msLeft);
      }
    } catch {
      // Offline: the banner says so; the pad keeps what it shows and asks again on reconnect.
    }
  }

  private _onEvent(e: HallEvent): void {
    const here =
      (e.type === 'ticket.completed' && e.windowId === this.windowId) ||
      ((e.type === 'window.opened' || e.type === 'window.closed') && e.window.id === this.windowId);
    if (!here) return;
    if (e.type === 'ticket.completed') {
      this._error = '';
      this._stage = { kind: 'ask', ticketId: e.ticket.id, number: e.ticket.number };
      this._later(ASK_MS);
    }
    void this._loadPrompt();
  }

  private _choose(score: number): void {
    const s = this._stage;
    if (s.kind !== 'ask') return;
    if (isBadScore(score)) {
      this._stage = { kind: 'reasons', ticketId: s.ticketId, number: s.number, score, tags: [] };
      this._later(ASK_MS);
      return;
    }
    void this._submit(s.ticketId, score, [], '', '');
  }

  private _toggle(id: ReasonId): void {
    const s = this._stage;
    if (s.kind !== 'reasons') return;
    this._stage = { ...s, tags: s.tags.includes(id) ? s.tags.filter((t) => t !== id) : [...s.tags, id] };
  }

  private readonly _toContact = (): void => {
    const s = this._stage;
    if (s.kind !== 'reasons') return;
    this._stage = { ...s, kind: 'contact', comment: '', phone: '' };
    this._later(ASK_MS);
  };

  private _edit(change: { comment?: string; phone?: string }): void {
    const s = this._stage;
    if (s.kind !== 'contact') return;
    this._stage = { ...s, ...change };
    // Someone is typing: the prompt stays.
    this._later(ASK_MS);
  }

  private _back(): void {
    const s = this._stage;
    if (s.kind === 'reasons') this._stage = { kind: 'ask', ticketId: s.ticketId, number: s.number };
    if (s.kind === 'contact') this._stage = { kind: 'reasons', ticketId: s.ticketId, number: s.number, score: s.score, tags: s.tags };
  }

  private async _submit(ticketId: string, score: number, tags: ReasonId[], comment: string, phone: string): Promise<void> {
    if (this._busy || !this.hallId) return;
    this._busy = true;
    this._error = '';
    try {
      await this.session.api.post(`/api/v1/halls/${encodeURIComponent(this.hallId)}/tickets/${encodeURIComponent(ticketId)}/rating`, {
        score,
        ...(tags.length ? { tags } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(phone.trim() ? { contact: phone.trim() } : {}),
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
