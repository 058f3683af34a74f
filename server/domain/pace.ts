/**
 * How fast the hall is working today, kept up to date by `evolve` as calls and completions happen
 * (a few dozen recent numbers, not a scan of the day): the wait estimate's input.
 */
import type { HallState, PaceSamples, TicketState } from './types';

/** How many recent completed tickets per area make its pace (the hall keeps twice as many). */
const PACE_SAMPLES = 20;
const GAP_SAMPLES = 30;
/** Gaps longer than this between two calls are a break, not a clerk's pace. */
const MAX_GAP_MS = 5 * 60_000;

export function newPaceSamples(): PaceSamples {
  return { version: 0, byArea: new Map(), hall: [], gaps: [], lastCalled: new Map() };
}

function keep(samples: number[], value: number, max: number): void {
  samples.push(value);
  if (samples.length > max) samples.shift();
}

/** A window calls `ticket` at `at`: the clerk's gap since the previous citizen left, if one waited. */
export function noteCall(state: HallState, windowId: string, ticket: TicketState, at: number): void {
  const pace = state.pace;
  const prevId = pace.lastCalled.get(windowId);
  const prev = prevId === undefined ? undefined : state.tickets.get(prevId);
  // Only when this citizen was already waiting does the gap measure the clerk, not the queue.
  if (prev && prev.completedAt !== null && ticket.queuedAt <= prev.completedAt) {
    const gap = at - prev.completedAt;
    if (gap >= 0 && gap <= MAX_GAP_MS) keep(pace.gaps, gap, GAP_SAMPLES);
  }
  pace.lastCalled.set(windowId, ticket.id);
  pace.version++;
}

/** A citizen's service ended: how long the call held its window (walk up and service). */
export function noteCompleted(state: HallState, areaId: string, occupancyMs: number): void {
  const pace = state.pace;
  let own = pace.byArea.get(areaId);
  if (!own) pace.byArea.set(areaId, (own = []));
  keep(own, occupancyMs, PACE_SAMPLES);
  keep(pace.hall, occupancyMs, PACE_SAMPLES * 2);
  pace.version++;
}
