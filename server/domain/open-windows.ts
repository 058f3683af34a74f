/**
 * The windows that can call for an area now: staffed and not paused. The wall board's areas, the
 * manager's tiles, the metrics and the wait estimate all count them with this one function.
 */
import type { HallState } from './types';

/** How many of the hall's windows are open and serve `areaId`. */
export function openWindowsFor(state: Pick<HallState, 'windows'>, areaId: string): number {
  let n = 0;
  for (const w of state.windows.values()) if (w.status === 'open' && w.areaIds.includes(areaId)) n++;
  return n;
}
