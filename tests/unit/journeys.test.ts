/**
 * 一件事一次办 in the domain: a journey ticket goes through its steps in order with one number,
 * ahead of walk-ins at every step after the first; the last step's completion ends the visit (and
 * only then may it be rated); a no-show ends it; the configuration rules refuse broken bundles; the
 * day rollup counts each step as a service at its area and the journeys started and finished. And
 * a property: random days never skip or repeat a step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/commands';
import { dayRollup } from '../../server/domain/day-rollup';
import { isDomainError } from '../../server/domain/errors';
import type { HallEvent } from '../../server/domain/events';
import { foldEvents } from '../../server/domain/evolve';
import { hallConfigProblems } from '../../server/domain/hall-rules';
import type { JourneyConfig } from '../../server/domain/journeys';
import { ticketView } from '../../server/domain/views';
import { hallProblemText } from '../../server/i18n';
import { Harness, KIOSK, MANAGER, clerk, testHall } from '../support/hall-harness';
import { checkHallInvariants } from '../support/hall-invariants';

const NEWBORN: JourneyConfig = {
  id: 'newborn',
  name: '新生儿出生一件事',
  steps: [{ areaId: 'police', serviceId: 'police-01' }, { areaId: 'estate' }, { areaId: 'tax', serviceId: 'tax-01' }],
};
const SHORT: JourneyConfig = { id: 'short', name: '两步', steps: [{ areaId: 'tax' }, { areaId: 'police' }] };

function journeyHall() {
  return { ...testHall(), journeys: [NEWBORN, SHORT] };
}

function takeJourney(h: Harness, journeyId = 'newborn'): { id: string; number: string } {
  const [e] = h.run({ type: 'issue-ticket', journeyId }, KIOSK);
  if (e?.type !== 'ticket.issued') throw new Error('no ticket');
  return { id: e.ticket.id, number: e.ticket.number };
}

function refusal(h: Harness, cmd: Command): string | null {
  try {
    h.run(cmd, MANAGER);
    return null;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return err.code;
  }
}

describe('journeys (一件事一次办)', () => {
  it('takes a journey ticket at its first step, with the bundle on the ticket view', () => {
    const h = new Harness(journeyHall());
    const t = takeJourney(h);
    const state = h.state.tickets.get(t.id)!;
    expect(t.number).toBe('H001');
    expect(state).toMatchObject({ areaId: 'police', serviceId: 'police-01', status: 'waiting' });
    expect(ticketView(h.state, state, h.now).journey).toEqual({
      id: 'newborn',
      name: '新生儿出生一件事',
      step: 1,
      steps: [
        { areaId: 'police', serviceId: 'police-01' },
        { areaId: 'estate', serviceId: null },
        { areaId: 'tax', serviceId: 'tax-01' },
      ],
    });
    expect(refusal(h, { type: 'issue-ticket', journeyId: 'nothing' })).toBe('invalid_request');
    expect(refusal(h, { type: 'issue-ticket', journeyId: 'newborn', areaId: 'police' })).toBe('invalid_request');
  });

  it('completing a step queues the citizen for the next step ahead of walk-ins, keeping the number; the last ends the visit', () => {
    const h = new Harness(journeyHall());
    for (const w of ['1', '3', '4']) h.open(w);
    const t = takeJourney(h);
    h.advance(1);
    const walkIns = [h.issue('estate'), h.issue('estate')];
    h.advance(1);
    expect(h.callNext('4')).toBe(t.number);
    h.run({ type: 'start', windowId: '4' }, clerk(4));
    h.advance(3);
    const [step] = h.run({ type: 'complete', windowId: '4' }, clerk(4));
    expect(step).toMatchObject({
      type: 'ticket.step_completed',
      ticket: { id: t.id, number: t.number, areaId: 'estate', status: 'waiting' },
      fromAreaId: 'police',
      toAreaId: 'estate',
      step: 2,
      steps: 3,
      serviceId: null,
      completedServiceId: 'police-01',
      serviceMs: 180_000,
    });
    // Rating waits for the end of the visit.
    expect(refusal(h, { type: 'rate', ticketId: t.id, score: 5 })).toBe('not_completed');
    // Ahead of the two walk-ins who were waiting before the step was done.
    expect(h.callNext('1')).toBe(t.number);
    expect(ticketView(h.state, h.state.tickets.get(t.id)!, h.now).journey?.step).toBe(2);
    const [second] = h.run({ type: 'complete', windowId: '1' }, clerk(1));
    expect(second).toMatchObject({ type: 'ticket.step_completed', fromAreaId: 'estate', toAreaId: 'tax', step: 3, serviceId: 'tax-01' });
    expect(h.state.tickets.get(t.id)!.serviceId).toBe('tax-01');
    // Window 3 serves tax first: the journey's last step.
    expect(h.callNext('3')).toBe(t.number);
    const [last] = h.run({ type: 'complete', windowId: '3' }, clerk(3));
    expect(last).toMatchObject({ type: 'ticket.completed', ticket: { id: t.id, status: 'done' } });
    expect(h.state.tickets.get(t.id)!.status).toBe('done');
    expect(refusal(h, { type: 'rate', ticketId: t.id, score: 5 })).toBeNull();
    expect([h.serveNext('1'), h.serveNext('1')]).toEqual(walkIns);
    checkHallInvariants(h);
    // The day folds back to the same journey.
    expect(foldEvents(h.config, h.state.day, h.log).tickets.get(t.id)!.journey).toEqual(h.state.tickets.get(t.id)!.journey);
  });

  it('a no-show ends the journey; a re-queue brings it back to the same step', () => {
    const h = new Harness(journeyHall());
    h.open('4');
    h.open('1');
    const t = takeJourney(h);
    h.callNext('4');
    h.run({ type: 'complete', windowId: '4' }, clerk(4));
    h.callNext('1');
    h.run({ type: 'no-show', windowId: '1' }, clerk(1));
    expect(h.state.tickets.get(t.id)).toMatchObject({ status: 'no_show', areaId: 'estate', journey: { step: 2 } });
    expect(h.serveNext('4')).toBeNull();
    h.run({ type: 'requeue', ticketId: t.id }, MANAGER);
    expect(h.callNext('1')).toBe(t.number);
    const [e] = h.run({ type: 'complete', windowId: '1' }, clerk(1));
    expect(e).toMatchObject({ type: 'ticket.step_completed', step: 3, toAreaId: 'tax' });
  });

  it('counts each step as a service at its area and the journeys started and finished', () => {
    const h = new Harness(journeyHall());
    for (const w of ['1', '3', '4']) h.open(w);
    const done = takeJourney(h, 'short');
    takeJourney(h, 'newborn');
    h.serveNext('3');
    h.serveNext('4');
    expect(h.state.tickets.get(done.id)!.status).toBe('done');
    h.serveNext('4');
    const r = dayRollup(h.config, h.state.day, h.log);
    expect(r.total.issued).toBe(2);
    expect(r.total.journeysStarted).toBe(2);
    expect(r.total.journeysFinished).toBe(1);
    expect(r.byArea.get('tax')!.served).toBe(1);
    // Police served both: the short journey's last step and the newborn journey's first.
    expect(r.byArea.get('police')!.served).toBe(2);
    expect(r.byArea.get('police')!.journeysFinished).toBe(1);
    expect(r.byService.get('police-01')!.served).toBe(1);
    expect(r.byArea.get('estate')?.served ?? 0).toBe(0);
  });

  it('refuses broken bundles with worded problems', () => {
    const hall = {
      ...testHall(),
      devices: [],
      journeys: [
        { id: 'a', name: '一步', steps: [{ areaId: 'tax' }] },
        { id: 'a', name: '重复', steps: [{ areaId: 'tax' }, { areaId: 'tax' }, { areaId: 'moon' }, { areaId: 'police', serviceId: 'tax-01' }] },
      ],
    };
    const problems = hallConfigProblems(hall);
    expect(problems).toEqual([
      { code: 'journey_too_short', path: 'journeys[0].steps', params: { journey: '一步', min: 2 } },
      { code: 'duplicate_journey_id', path: 'journeys[1].id', params: { value: 'a' } },
      { code: 'journey_step_repeated', path: 'journeys[1].steps[1]', params: { journey: '重复', step: 2, area: 'tax' } },
      { code: 'unknown_journey_area', path: 'journeys[1].steps[2].areaId', params: { journey: '重复', area: 'moon' } },
      { code: 'unknown_journey_service', path: 'journeys[1].steps[3].serviceId', params: { journey: '重复', area: 'police', service: 'tax-01' } },
    ]);
    expect(problems.map((p) => hallProblemText(p))).toEqual([
      '一件事“一步”至少要有 2 步',
      '一件事编号 a 重复',
      '一件事“重复”第2步与上一步同在区域 tax',
      '一件事“重复”中的区域 moon 不存在',
      '一件事“重复”中的事项 tax-01 不属于区域 police',
    ]);
  });
});

type Step = { kind: 'cmd'; cmd: Command } | { kind: 'wait'; minutes: number };
const WINDOWS = ['1', '2', '3', '4'];
const windowId = fc.constantFrom(...WINDOWS);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('newborn', 'short').map((journeyId): Step => ({ kind: 'cmd', cmd: { type: 'issue-ticket', journeyId } })) },
  { weight: 2, arbitrary: fc.constantFrom('estate', 'tax', 'police').map((areaId): Step => ({ kind: 'cmd', cmd: { type: 'issue-ticket', areaId } })) },
  { weight: 6, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'call-next', windowId: w } })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(windowId, fc.constantFrom('start', 'no-show', 'recall' as const))
      .map(([w, type]): Step => ({ kind: 'cmd', cmd: { type, windowId: w } })),
  },
  { weight: 6, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'complete', windowId: w } })) },
  { weight: 1, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'park', windowId: w } })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }).map((minutes): Step => ({ kind: 'wait', minutes })) },
);

/** Every step of every journey ticket, in the order the log records them. */
function stepsTaken(log: readonly HallEvent[]): Map<string, number[]> {
  const taken = new Map<string, number[]>();
  for (const e of log) {
    if (e.type === 'ticket.issued' && e.journey) taken.set(e.ticket.id, [1]);
    if (e.type === 'ticket.step_completed') taken.get(e.ticket.id)!.push(e.step);
  }
  return taken;
}

describe('journeys: property', () => {
  it('random days never skip or repeat a step, and only the last step completes the visit', () => {
    // The runs must really take steps and finish journeys, or the property says nothing.
    let stepCount = 0;
    let journeysFinished = 0;
    fc.assert(
      // Long days: fast-check's default sizes make arrays of a handful of commands, too few to finish a journey.
      fc.property(fc.array(stepArb, { minLength: 30, maxLength: 150, size: 'max' }), (steps) => {
        const h = new Harness(journeyHall(), undefined, true);
        for (const w of WINDOWS) h.open(w);
        for (const s of steps) {
          if (s.kind === 'wait') {
            h.advance(s.minutes);
            continue;
          }
          try {
            h.run(s.cmd, MANAGER);
          } catch (err) {
            if (!isDomainError(err)) throw err;
          }
        }
        checkHallInvariants(h);
        const journeys = new Map([NEWBORN, SHORT].map((j) => [j.id, j]));
        for (const [id, taken] of stepsTaken(h.log)) {
          const t = h.state.tickets.get(id)!;
          const route = journeys.get(t.journey!.id)!.steps;
          // 1, 2, 3 …: each step once, in order, never beyond the route.
          expect(taken).toEqual(taken.map((_, i) => i + 1));
          expect(taken.length).toBeLessThanOrEqual(route.length);
          expect(t.journey!.step).toBe(taken.length);
          // The citizen is in the area of the step they are at, unless the visit is over.
          expect(t.areaId).toBe(route[t.journey!.step - 1]!.areaId);
          if (t.status === 'done') expect(t.journey!.step).toBe(route.length);
          const completions = h.log.filter((e) => e.type === 'ticket.completed' && e.ticket.id === id).length;
          expect(completions).toBe(t.status === 'done' ? 1 : 0);
        }
        // Every step completion went to the next step's area, from the area of the step done.
        for (const e of h.log) {
          if (e.type === 'ticket.completed' && h.state.tickets.get(e.ticket.id)!.journey) journeysFinished++;
          if (e.type !== 'ticket.step_completed') continue;
          stepCount++;
          const route = journeys.get(e.journeyId)!.steps;
          expect([e.fromAreaId, e.toAreaId]).toEqual([route[e.step - 2]!.areaId, route[e.step - 1]!.areaId]);
        }
      }),
      { numRuns: 200 },
    );
    expect(stepCount).toBeGreaterThan(200);
    expect(journeysFinished).toBeGreaterThan(50);
  });
});
