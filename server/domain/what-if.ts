/**
 * What-if on the live board: before a manager opens a window for an area or closes one, each
 * affected area's expected wait now and in an hour, with and without the change — the same
 * play-out the hall shows citizens (`estimate.ts`), on the live state with the change applied.
 *
 * "Now": the wait of a citizen who takes a ticket now (behind everyone waiting). "In an hour": the
 * wait of one who takes a ticket in an hour, behind those waiting now and the arrivals expected
 * meanwhile (from the forecast, or the last hour's arrivals): the play-out's call time for that
 * place, less the hour. The change is applied to a copy of the state; the live state is untouched.
 */
import { areaWaitEstimator } from './estimate';
import { DomainError } from './errors';
import type { HallState, WindowState } from './types';

export type WhatIfChange = { action: 'open'; windowId: string; areaId: string } | { action: 'close'; windowId: string };

export interface WhatIfArea {
  areaId: string;
  waiting: number;
  /** Citizens expected to take a ticket in the coming hour. */
  arrivalsNextHour: number;
  /** Minutes; null when no window would serve the area. */
  now: { without: number | null; with: number | null };
  inAnHour: { without: number | null; with: number | null };
}

/** The state as it would be right after the change: the window open (idle) for the area, or closed. */
export function withChange(state: HallState, change: WhatIfChange): HallState {
  const w = state.windows.get(change.windowId);
  if (!w) throw new DomainError('window_not_found', `no window ${change.windowId}`);
  let changed: WindowState;
  if (change.action === 'open') {
    if (!state.config.areas.some((a) => a.id === change.areaId))
      throw new DomainError('invalid_request', `areaId: no area ${change.areaId}`, { field: 'areaId' });
    if (w.status !== 'closed' && w.areaIds[0] === change.areaId)
      throw new DomainError('invalid_request', `windowId: window ${w.number} already serves this area first`, { field: 'windowId' });
    // Opened for the area: it calls that area first, then the others it already served.
    changed = { ...w, status: 'open', areaIds: [change.areaId, ...w.areaIds.filter((a) => a !== change.areaId)], pauseReason: null };
  } else {
    if (w.status === 'closed') throw new DomainError('invalid_request', `windowId: window ${w.number} is already closed`, { field: 'windowId' });
    changed = { ...w, status: 'closed', ticketId: null };
  }
  const windows = new Map(state.windows);
  windows.set(w.id, changed);
  return { ...state, windows };
}

/** The areas a change touches: the window's areas before and after it. */
function affectedAreas(state: HallState, change: WhatIfChange): string[] {
  const w = state.windows.get(change.windowId)!;
  return [...new Set([...(change.action === 'open' ? [change.areaId] : []), ...w.areaIds])];
}

/**
 * The answer for `change` at instant `now`; `arrivalsNextHour` gives each area's expected citizens
 * in the coming hour.
 */
export function whatIf(state: HallState, change: WhatIfChange, now: number, arrivalsNextHour: (areaId: string) => number): WhatIfArea[] {
  const changed = withChange(state, change);
  return affectedAreas(state, change).map((areaId) => {
    const waiting = state.waiting.get(areaId)?.size ?? 0;
    const coming = Math.max(0, Math.round(arrivalsNextHour(areaId)));
    const before = areaWaitEstimator(state, areaId, now);
    const after = areaWaitEstimator(changed, areaId, now);
    const later = (estimate: (ahead: number) => number | null): number | null => {
      const call = estimate(waiting + coming);
      return call === null ? null : Math.max(0, call - 60);
    };
    // The place an hour on is asked first: its play-out covers the place now too (a place's time does
    // not depend on how many are played), so each side is one play-out, not two.
    const inAnHour = { without: later(before), with: later(after) };
    return { areaId, waiting, arrivalsNextHour: coming, now: { without: before(waiting), with: after(waiting) }, inAnHour };
  });
}
