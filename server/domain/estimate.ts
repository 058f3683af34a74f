/**
 * Estimated wait for a waiting ticket: the people ahead of it, served by the windows open for its
 * area at the area's recent pace. Before the area has served anyone today the pace is a default.
 */
import type { HallState } from './types';

/** Service minutes assumed for an area that has not completed a ticket yet today. */
export const DEFAULT_SERVICE_MINUTES = 6;

/** Mean of the area's recent service durations, in minutes. */
export function averageServiceMinutes(state: HallState, areaId: string): number {
  const samples = state.serviceTimes.get(areaId);
  if (!samples || samples.length === 0) return DEFAULT_SERVICE_MINUTES;
  return samples.reduce((a, b) => a + b, 0) / samples.length / 60_000;
}

/** Minutes until a ticket with `ahead` tickets before it is called; null when no window serves the area. */
export function estimateWaitMinutes(state: HallState, areaId: string, ahead: number): number | null {
  let open = 0;
  let busy = 0;
  for (const w of state.windows.values()) {
    if (w.status === 'closed' || !w.areaIds.includes(areaId)) continue;
    open++;
    if (w.ticketId !== null) busy++;
  }
  if (open === 0) return null;
  // Everyone ahead, plus the citizens now at the counters, shares the open windows.
  const rounds = (ahead + busy) / open;
  return Math.round(rounds * averageServiceMinutes(state, areaId));
}
