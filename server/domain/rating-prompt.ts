/**
 * What a counter's rating pad (评价器) shows: the clerk serving at its window (好差评 asks that the
 * citizen sees who served them: name and 工号), and the ticket waiting for its rating — the latest
 * ticket completed at the window, not yet rated, for `RATING_PROMPT_MS` after its completion. The pad
 * asks the server for it after a reload, so a pending rating is not lost.
 */
import { isBadScore } from './rating-scores';
import type { ClerkRef, HallState } from './types';

/** A prompt nobody answers goes away, so the next citizen does not rate someone else's service. */
export const RATING_PROMPT_MS = 90_000;

export interface RatingPrompt {
  windowId: string;
  windowNumber: number;
  /** Who serves at the window (null: nobody signed in). */
  clerk: ClerkRef | null;
  /** The ticket to rate, with the milliseconds left to rate it; null: nothing pending. */
  pending: { ticketId: string; number: string; msLeft: number } | null;
}

/** The window's prompt now, or null when the hall has no such window. */
export function ratingPrompt(state: HallState, windowId: string, now: number): RatingPrompt | null {
  const w = state.windows.get(windowId);
  if (!w) return null;
  let pending: RatingPrompt['pending'] = null;
  let latest = -Infinity;
  for (const t of state.tickets.values()) {
    if (t.windowId !== windowId || t.status !== 'done' || t.rated || t.completedAt === null) continue;
    const left = t.completedAt + RATING_PROMPT_MS - now;
    if (left > 0 && t.completedAt > latest) {
      latest = t.completedAt;
      pending = { ticketId: t.id, number: t.number, msLeft: left };
    }
  }
  return { windowId, windowNumber: w.number, clerk: w.clerk ? { ...w.clerk } : null, pending };
}

/** A contact phone is asked for, and kept, only with a bad rating (差评): it is for the 回访. */
export function takesContact(score: number): boolean {
  return isBadScore(score);
}
