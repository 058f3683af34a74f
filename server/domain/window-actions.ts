/**
 * Which counter actions a window's state allows: one table, read by the server before it decides a
 * command (decide.ts) and by the counter terminal to enable its buttons, so a button is enabled
 * exactly when the server would take the action (apart from who is asking, and the queue itself).
 */
import type { TicketStatus, WindowStatus } from './types';

/** The counter's actions, named as the terminal's buttons are. `callNext` also covers calling by number. */
export type WindowAction = 'callNext' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'pause' | 'resume';

export const WINDOW_ACTIONS: readonly WindowAction[] = ['callNext', 'recall', 'start', 'complete', 'noShow', 'transfer', 'pause', 'resume'];

/** What the rule reads: the window's status and the status of the ticket at it, if any. */
export interface WindowSituation {
  status: WindowStatus;
  ticket: { status: TicketStatus } | null;
}

/** The error code a refused action answers with (codes from `errors.ts`). */
export type WindowActionRefusal = 'window_closed' | 'window_paused' | 'window_busy' | 'no_current_ticket' | 'already_started' | 'not_paused';

/** Why the window's state refuses `action`, or null when it allows it. */
export function windowActionRefusal(action: WindowAction, w: WindowSituation): WindowActionRefusal | null {
  switch (action) {
    case 'callNext':
      if (w.status === 'closed') return 'window_closed';
      if (w.status === 'paused') return 'window_paused';
      return w.ticket ? 'window_busy' : null;
    case 'recall':
    case 'start':
    case 'noShow':
      if (!w.ticket) return 'no_current_ticket';
      return w.ticket.status === 'called' ? null : 'already_started';
    case 'complete':
    case 'transfer':
      return w.ticket ? null : 'no_current_ticket';
    case 'pause':
      if (w.status === 'closed') return 'window_closed';
      return w.status === 'paused' ? 'window_paused' : null;
    case 'resume':
      if (w.status === 'closed') return 'window_closed';
      return w.status === 'paused' ? null : 'not_paused';
  }
}

/** Every action with whether the window's state allows it: the terminal's enabled buttons. */
export function allowedWindowActions(w: WindowSituation): Record<WindowAction, boolean> {
  return Object.fromEntries(WINDOW_ACTIONS.map((a) => [a, windowActionRefusal(a, w) === null])) as Record<WindowAction, boolean>;
}
