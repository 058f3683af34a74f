/**
 * 过号 (no-show) safeguards. A called citizen may be marked absent only once they have had time to
 * walk up: `noShowAfterSeconds` (default 60) since the call (a repeat call does not restart it).
 * A no-show marked by mistake — the citizen turns up a moment later — may be undone at the window
 * that marked it within `noShowUndoSeconds` (default 120), while that window has nobody else: the
 * citizen is back at the window as called, with their number, as if the no-show had not happened
 * (the log keeps both events). The window's missed list (本窗口过号) is part of the hall state.
 */
import type { QueuePolicy, TicketState, WindowState } from './types';

export interface NoShowSettings {
  noShowAfterSeconds: number;
  noShowUndoSeconds: number;
}

export const NO_SHOW_DEFAULTS: NoShowSettings = { noShowAfterSeconds: 60, noShowUndoSeconds: 120 };

/** How many of a window's recent no-shows its view lists, newest first. */
export const MISSED_LISTED = 5;

/** The hall policy's no-show settings, defaults for what it leaves out. */
export function noShowSettings(policy: QueuePolicy): NoShowSettings {
  return {
    noShowAfterSeconds: policy.noShowAfterSeconds ?? NO_SHOW_DEFAULTS.noShowAfterSeconds,
    noShowUndoSeconds: policy.noShowUndoSeconds ?? NO_SHOW_DEFAULTS.noShowUndoSeconds,
  };
}

/** The instant (epoch ms) from which the called ticket may be marked absent. */
export function noShowFrom(ticket: Pick<TicketState, 'calledAt'>, settings: NoShowSettings): number {
  return (ticket.calledAt ?? 0) + settings.noShowAfterSeconds * 1000;
}

/** Why the called ticket may not be marked absent yet at `now`, or null when it may. */
export function noShowRefusal(ticket: Pick<TicketState, 'calledAt'>, now: number, settings: NoShowSettings): 'no_show_too_soon' | null {
  return now < noShowFrom(ticket, settings) ? 'no_show_too_soon' : null;
}

export type UndoNoShowRefusal = 'not_no_show' | 'undo_expired' | 'window_busy' | 'window_closed';

/** Why `window` may not take back its no-show of `ticket` at `now`, or null when it may. */
export function undoNoShowRefusal(ticket: TicketState, window: WindowState, now: number, settings: NoShowSettings): UndoNoShowRefusal | null {
  if (ticket.status !== 'no_show' || ticket.windowId !== window.id || !window.missed.includes(ticket.id)) return 'not_no_show';
  if (ticket.noShowAt === null || now - ticket.noShowAt > settings.noShowUndoSeconds * 1000) return 'undo_expired';
  if (window.status === 'closed') return 'window_closed';
  if (window.ticketId !== null) return 'window_busy';
  return null;
}
