/**
 * Property test: random configuration edits (windows and areas added, renamed, removed; the policy
 * changed) interleaved with random hall commands keep the hall's invariants; edits the live day
 * refuses (`configChangeProblems`) change nothing; and the fold of the log, with its
 * `config.applied` events, against whatever configuration is current, equals the live state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHalls } from '../../server/config/halls';
import type { Command } from '../../server/domain/commands';
import { configApplied, configChangeProblems } from '../../server/domain/config-change';
import { isDomainError } from '../../server/domain/errors';
import { evolve, foldEvents, seal } from '../../server/domain/evolve';
import type { HallConfig } from '../../server/domain/types';
import { boardView } from '../../server/domain/views';
import { area, Harness, KIOSK, MANAGER, clerk, testHall } from '../support/hall-harness';
import { checkHallInvariants } from '../support/hall-invariants';

const WINDOW_POOL = ['1', '2', '3', '4', '5', '6', '7'];
const AREA_POOL: Array<[string, string]> = [
  ['estate', 'B'],
  ['tax', 'D'],
  ['police', 'H'],
  ['fund', 'K'],
  ['business', 'M'],
];

type Edit =
  | { kind: 'rename-window'; windowId: string; name: string }
  | { kind: 'add-window'; windowId: string; areaPick: number }
  | { kind: 'remove-window'; windowId: string }
  | { kind: 'add-area'; areaPick: number; windowPick: number }
  | { kind: 'remove-area'; areaPick: number }
  | { kind: 'policy'; maxPreferredInARow: number; agingMinutes: number; recallLimit: number };

type Step =
  { kind: 'cmd'; cmd: (c: HallConfig) => Command; as: 'kiosk' | 'manager' | number } | { kind: 'edit'; edit: Edit } | { kind: 'wait'; minutes: number };

const windowId = fc.constantFrom(...WINDOW_POOL);
const pick = fc.nat({ max: 100 });
const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename-window' as const), windowId, name: fc.constantFrom('社保窗口', 'Window X', '综合受理') }),
  fc.record({ kind: fc.constant('add-window' as const), windowId, areaPick: pick }),
  fc.record({ kind: fc.constant('remove-window' as const), windowId }),
  fc.record({ kind: fc.constant('add-area' as const), areaPick: pick, windowPick: pick }),
  fc.record({ kind: fc.constant('remove-area' as const), areaPick: pick }),
  fc.record({
    kind: fc.constant('policy' as const),
    maxPreferredInARow: fc.integer({ min: 1, max: 4 }),
    agingMinutes: fc.integer({ min: 5, max: 60 }),
    recallLimit: fc.integer({ min: 0, max: 3 }),
  }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(pick, fc.constantFrom('normal', 'priority' as const))
      .map(([p, priority]): Step => ({ kind: 'cmd', cmd: (c) => ({ type: 'issue-ticket', areaId: at(c.areas, p).id, priority }), as: 'kiosk' })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(windowId, fc.integer({ min: 1, max: 5 }))
      .map(([w, n]): Step => ({ kind: 'cmd', cmd: () => ({ type: 'sign-in', windowId: w, clerk: { id: `clerk${n}`, name: `C${n}`, staffNo: null } }), as: n })),
  },
  { weight: 1, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: () => ({ type: 'sign-out', windowId: w }), as: 'manager' })) },
  { weight: 5, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: () => ({ type: 'call-next', windowId: w }), as: 'manager' })) },
  { weight: 4, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: () => ({ type: 'complete', windowId: w }), as: 'manager' })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(windowId, pick)
      .map(([w, p]): Step => ({ kind: 'cmd', cmd: (c) => ({ type: 'transfer', windowId: w, areaId: at(c.areas, p).id }), as: 'manager' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(windowId, pick)
      .map(([w, p]): Step => ({ kind: 'cmd', cmd: (c) => ({ type: 'set-window-areas', windowId: w, areaIds: [at(c.areas, p).id] }), as: 'manager' })),
  },
  { weight: 3, arbitrary: edit.map((e): Step => ({ kind: 'edit', edit: e })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((minutes): Step => ({ kind: 'wait', minutes })) },
);

/** The configuration after `e`, as an admin would write it (it may be invalid; the API then refuses it). */
function edited(c: HallConfig, e: Edit): HallConfig {
  const next = structuredClone(c);
  switch (e.kind) {
    case 'rename-window':
      next.windows = next.windows.map((w) => (w.id === e.windowId ? { ...w, name: e.name } : w));
      break;
    case 'add-window':
      next.windows.push({ id: e.windowId, number: Number(e.windowId), name: `${e.windowId}号`, areaIds: [at(next.areas, e.areaPick).id] });
      break;
    case 'remove-window':
      // Areas only this window served go with it.
      next.windows = next.windows.filter((w) => w.id !== e.windowId);
      next.areas = next.areas.filter((a) => next.windows.some((w) => w.areaIds.includes(a.id)));
      break;
    case 'add-area': {
      const [id, prefix] = at(AREA_POOL, e.areaPick);
      next.areas.push(area(id, prefix));
      const w = at(next.windows, e.windowPick);
      w.areaIds = [...w.areaIds, id];
      break;
    }
    case 'remove-area': {
      const gone = at(next.areas, e.areaPick).id;
      next.areas = next.areas.filter((a) => a.id !== gone);
      next.windows = next.windows.map((w) => ({ ...w, areaIds: w.areaIds.filter((a) => a !== gone) })).filter((w) => w.areaIds.length > 0);
      break;
    }
    case 'policy':
      next.policy = { maxPreferredInARow: e.maxPreferredInARow, agingMinutes: e.agingMinutes, recallLimit: e.recallLimit };
      break;
  }
  return next;
}

const snapshot = (h: Harness) =>
  JSON.stringify({
    board: boardView(h.state, h.now, { alwaysOpen: true }),
    tickets: [...h.state.tickets.values()],
    waiting: [...h.state.waiting].map(([a, q]) => [a, [...q]]),
  });

/** Plays the steps the way the hall runner does; returns the harness and the configuration now. */
function play(steps: Step[]): { h: Harness; config: HallConfig; applied: number; refused: number } {
  let config = testHall();
  let version = 1;
  let applied = 0;
  let refused = 0;
  const h = new Harness(config, undefined, true);
  h.state.configVersion = version;
  for (const s of steps) {
    if (s.kind === 'wait') {
      h.advance(s.minutes);
      continue;
    }
    if (s.kind === 'edit') {
      const next = edited(config, s.edit);
      // The API answers 400 (the schema wants an area and a window; the consistency rules the rest).
      if (next.areas.length === 0 || next.windows.length === 0 || checkHalls([next], false).length > 0) continue;
      const before = snapshot(h);
      const problems = configChangeProblems(h.state, next);
      expect(snapshot(h), 'checking a change changes nothing').toBe(before);
      if (problems.length > 0) {
        refused++;
        expect(problems.every((p) => p.code === 'window_in_use' || p.code === 'area_in_use')).toBe(true);
        continue;
      }
      config = next;
      version++;
      applied++;
      const sealed = seal(h.state, [configApplied(h.state, config, version, h.now)], { commandId: `config:${version}`, actor: null });
      for (const e of sealed) evolve(h.state, e);
      h.log.push(...sealed);
      checkHallInvariants(h);
      continue;
    }
    try {
      h.run(s.cmd(config), s.as === 'kiosk' ? KIOSK : s.as === 'manager' ? MANAGER : clerk(s.as));
    } catch (err) {
      if (!isDomainError(err)) throw err;
      continue;
    }
    checkHallInvariants(h);
  }
  return { h, config, applied, refused };
}

describe('random configuration edits interleaved with hall commands', () => {
  it("keep the invariants, refused edits change nothing, and the log folds to the live state against today's configuration", () => {
    let applied = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 150 }), (steps) => {
        const run = play(steps);
        applied += run.applied;
        refused += run.refused;
        const { h, config } = run;
        // A restarted node knows only the configuration now; the log says what each event was decided under.
        const replayed = foldEvents(config, h.state.day, JSON.parse(JSON.stringify(h.log)));
        replayed.configVersion = h.state.configVersion;
        expect(boardView(replayed, h.now, { alwaysOpen: true })).toEqual(boardView(h.state, h.now, { alwaysOpen: true }));
        expect([...replayed.tickets.values()]).toEqual([...h.state.tickets.values()]);
        expect([...replayed.windows.values()]).toEqual([...h.state.windows.values()]);
        expect(replayed.config).toEqual(h.state.config);
      }),
      { numRuns: 500 },
    );
    console.log(`configuration edits: ${applied} applied, ${refused} refused by the live day`);
    // Both paths were really taken many times.
    expect(applied).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(10);
  });
});
