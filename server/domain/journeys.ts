/**
 * 一件事一次办: a journey is an ordered list of steps (an area, optionally a service) a citizen goes
 * through on one ticket. The ticket carries the steps it was issued with, so a configuration change
 * later in the day never moves a citizen already on their way. Completing a step that is not the
 * last puts the citizen into the next step's queue ahead of walk-ins (as a transfer, 联办), keeping
 * the number; completing the last step finishes the visit. Steps are counted from 1.
 */
import { DomainError } from './errors';
import type { EventBody } from './events';
import type { AreaConfig, HallState, JourneyConfig, JourneyStep, TicketJourney, TicketState } from './types';

export type { JourneyConfig, JourneyStep, TicketJourney };

/** The step after the current one, or null when the citizen is at the last step. */
export function nextJourneyStep(journey: TicketJourney): { step: number; at: JourneyStep } | null {
  const at = journey.steps[journey.step];
  return at === undefined ? null : { step: journey.step + 1, at };
}

/**
 * The step a journey ticket is at after a clerk transfers it (转) to `toAreaId` instead of completing
 * its step: a transfer into a later step's area (the first such step after the current one) moves
 * the citizen on to that step, as 办结 would have; a transfer anywhere else keeps the step.
 */
export function stepAfterTransfer(journey: TicketJourney, toAreaId: string): number {
  const later = journey.steps.findIndex((s, i) => i >= journey.step && s.areaId === toAreaId);
  return later === -1 ? journey.step : later + 1;
}

/** The smallest journey: one step is an ordinary ticket. */
export const MIN_JOURNEY_STEPS = 2;

export type JourneyProblem =
  | { code: 'duplicate_journey_id'; path: string; params: { value: string } }
  | { code: 'journey_too_short'; path: string; params: { journey: string; min: number } }
  | { code: 'unknown_journey_area'; path: string; params: { journey: string; area: string } }
  | { code: 'unknown_journey_service'; path: string; params: { journey: string; area: string; service: string } }
  | { code: 'journey_step_repeated'; path: string; params: { journey: string; step: number; area: string } };

/**
 * What is wrong with a hall's journeys: ids unique, at least two steps, known areas (and services of
 * that area), and no step in the same area as the one before it (the same window would serve both).
 */
export function journeyProblems(journeys: readonly JourneyConfig[], areas: readonly Pick<AreaConfig, 'id' | 'services'>[]): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const byId = new Map(areas.map((a) => [a.id, a]));
  const seen = new Set<string>();
  journeys.forEach((j, ji) => {
    if (seen.has(j.id)) problems.push({ code: 'duplicate_journey_id', path: `journeys[${ji}].id`, params: { value: j.id } });
    seen.add(j.id);
    if (j.steps.length < MIN_JOURNEY_STEPS)
      problems.push({ code: 'journey_too_short', path: `journeys[${ji}].steps`, params: { journey: j.name, min: MIN_JOURNEY_STEPS } });
    j.steps.forEach((s, si) => {
      const area = byId.get(s.areaId);
      if (!area) problems.push({ code: 'unknown_journey_area', path: `journeys[${ji}].steps[${si}].areaId`, params: { journey: j.name, area: s.areaId } });
      // An area whose services live only in the catalogue lists none here: its codes cannot be checked.
      else if (s.serviceId !== undefined && area.services.length > 0 && !area.services.some((x) => x.id === s.serviceId)) {
        problems.push({
          code: 'unknown_journey_service',
          path: `journeys[${ji}].steps[${si}].serviceId`,
          params: { journey: j.name, area: s.areaId, service: s.serviceId },
        });
      }
      if (si > 0 && j.steps[si - 1]!.areaId === s.areaId) {
        problems.push({ code: 'journey_step_repeated', path: `journeys[${ji}].steps[${si}]`, params: { journey: j.name, step: si + 1, area: s.areaId } });
      }
    });
  });
  return problems;
}

/** Where a journey ticket starts: the first step's area and service, and the bundle it carries. */
export function journeyStart(
  state: HallState,
  journeyId: string,
  asked: { areaId?: string; serviceId?: string },
): { area: AreaConfig; serviceId: string | null; journey: { id: string; name: string; steps: JourneyStep[] } } {
  if (asked.areaId !== undefined || asked.serviceId !== undefined) {
    throw new DomainError('invalid_request', 'journeyId: give a journey or an area/service, not both', { field: 'journeyId' });
  }
  const journey = (state.config.journeys ?? []).find((j) => j.id === journeyId);
  if (!journey) throw new DomainError('invalid_request', `journeyId: no journey ${journeyId} in this hall`, { field: 'journeyId' });
  const first = journey.steps[0];
  const area = first === undefined ? undefined : state.config.areas.find((a) => a.id === first.areaId);
  if (!area) throw new DomainError('invalid_request', `journeyId: journey ${journeyId} starts in no known area`, { field: 'journeyId' });
  return { area, serviceId: first!.serviceId ?? null, journey: { id: journey.id, name: journey.name, steps: structuredClone(journey.steps) } };
}

/**
 * The event of completing `t`'s current step when it is not its journey's last: the citizen goes on
 * to the next step. Null for an ordinary ticket or the last step (an ordinary completion ends the visit).
 */
export function stepCompleted(t: TicketState, windowId: string, serviceMs: number): Extract<EventBody, { type: 'ticket.step_completed' }> | null {
  if (!t.journey) return null;
  const next = nextJourneyStep(t.journey);
  if (!next) return null;
  return {
    type: 'ticket.step_completed',
    ticket: { id: t.id, number: t.number, areaId: next.at.areaId, status: 'waiting' },
    windowId,
    journeyId: t.journey.id,
    fromAreaId: t.areaId,
    toAreaId: next.at.areaId,
    step: next.step,
    steps: t.journey.steps.length,
    serviceId: next.at.serviceId ?? null,
    completedServiceId: t.serviceId,
    serviceMs,
  };
}

/** A ticket's journey as the API and the screens show it: `step` is 1-based, `steps` the whole route. */
export interface JourneyView {
  id: string;
  name: string;
  step: number;
  steps: Array<{ areaId: string; serviceId: string | null }>;
}

export function journeyView(journey: TicketJourney | null): JourneyView | null {
  if (!journey) return null;
  return { id: journey.id, name: journey.name, step: journey.step, steps: journey.steps.map((s) => ({ areaId: s.areaId, serviceId: s.serviceId ?? null })) };
}
