/**
 * Which configuration changes the live day allows: a window that holds a clerk or a citizen, or an
 * area with citizens waiting or called (or a window still serving it), cannot be removed. Idle
 * windows and areas may go at any time; the day's log records the change (`config.applied`).
 */
import type { PendingEvent } from './events';
import { appliedConfig } from './evolve';
import { toLocalIso } from './time';
import type { HallConfig, HallState } from './types';

export interface ConfigChangeProblem {
  code: 'window_in_use' | 'area_in_use';
  /** The window or area id. */
  id: string;
  /** English, for logs and the API's message. */
  message: string;
}

const OPEN_STATUSES = new Set(['waiting', 'called', 'serving']);

/** Every reason the day in `state` refuses `next`; empty when the change may be applied now. */
export function configChangeProblems(state: HallState, next: Pick<HallConfig, 'areas' | 'windows'>): ConfigChangeProblem[] {
  const problems: ConfigChangeProblem[] = [];
  const windowIds = new Set(next.windows.map((w) => w.id));
  const areaIds = new Set(next.areas.map((a) => a.id));
  for (const w of state.windows.values()) {
    if (windowIds.has(w.id)) continue;
    if (w.clerk !== null || w.ticketId !== null) {
      problems.push({ code: 'window_in_use', id: w.id, message: `window ${w.number} (${w.id}) has ${w.clerk ? `clerk ${w.clerk.id}` : 'a ticket'} signed in` });
    }
  }
  const known = new Set([...state.config.areas.map((a) => a.id), ...state.waiting.keys()]);
  for (const a of known) {
    if (areaIds.has(a)) continue;
    const open = [...state.tickets.values()].filter((t) => t.areaId === a && OPEN_STATUSES.has(t.status)).length;
    if (open > 0) {
      problems.push({ code: 'area_in_use', id: a, message: `area ${a} has ${open} waiting or called ticket(s)` });
      continue;
    }
    const serving = [...state.windows.values()].find((w) => w.clerk !== null && w.areaIds.includes(a));
    if (serving) problems.push({ code: 'area_in_use', id: a, message: `window ${serving.number} (${serving.id}) is open and serves area ${a}` });
  }
  return problems;
}

/**
 * The `config.applied` event that puts `config` (document version `version`) in force on the day of
 * `state` at `now`. A day that already has events also records what they were decided under, so
 * the day folds whatever the configuration is later.
 */
export function configApplied(state: HallState, config: HallConfig, version: number, now: number): PendingEvent {
  const event: PendingEvent = { type: 'config.applied', at: toLocalIso(now, config.timezone), configVersion: version, config: appliedConfig(config) };
  return state.version > 0 ? { ...event, previous: appliedConfig(state.config) } : event;
}
