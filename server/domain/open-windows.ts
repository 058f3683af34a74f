/**
 * The windows that can call for an area now: staffed and not paused. The wall board's areas, the
 * manager's tiles, the metrics and the wait estimate all count them with this one function.
 */
import type { HallState, WindowStatus } from './types';

/** How many of the hall's windows are open and serve `areaId`. */
export function openWindowsFor(state: Pick<HallState, 'windows'>, areaId: string): number {
  let n = 0;
  for (const w of state.windows.values()) if (w.status === 'open' && w.areaIds.includes(areaId)) n++;
  return n;
}

/**
 * Whether anyone will call a ticket of `areaId` now, as the kiosk says it before issuing:
 * `open` (a window serves it now), `paused` (its windows are paused: they call again on resuming,
 * with the clerks' reasons), `closed` (its windows are not staffed yet or any more: called once a
 * clerk opens one) or `unserved` (no window of the hall serves it at all: nobody would ever call).
 */
export type AreaStaffing = { kind: 'open'; windows: number } | { kind: 'paused'; reasons: string[] } | { kind: 'closed' } | { kind: 'unserved' };

export function areaStaffing(
  windows: Iterable<{ status: WindowStatus; areaIds: readonly string[]; pauseReason?: string | null }>,
  areaId: string,
): AreaStaffing {
  let open = 0;
  let paused = false;
  let serving = 0;
  const reasons: string[] = [];
  for (const w of windows) {
    if (!w.areaIds.includes(areaId)) continue;
    serving++;
    if (w.status === 'open') open++;
    else if (w.status === 'paused') {
      paused = true;
      const reason = w.pauseReason?.trim();
      if (reason && !reasons.includes(reason)) reasons.push(reason);
    }
  }
  if (open > 0) return { kind: 'open', windows: open };
  if (paused) return { kind: 'paused', reasons };
  return serving > 0 ? { kind: 'closed' } : { kind: 'unserved' };
}
