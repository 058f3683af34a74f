/**
 * What-if on the live board, on a simulated morning (a generated day folded up to 11:00): opening
 * a closed window for an area gives the wait the hall's own estimate gives once that window is
 * really signed in (the same play-out on the state the real command makes); opening never makes
 * a wait longer and closing never shorter; the live state is left as it was; the answer's time
 * is measured.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, simulateDay } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { decide } from '../../server/domain/decide';
import { areaWaitEstimator } from '../../server/domain/estimate';
import { evolve, foldEvents, seal } from '../../server/domain/evolve';
import { whatIf } from '../../server/domain/what-if';
import { work } from '../../server/domain/work';
import type { Command } from '../../server/domain/commands';
import type { Actor, HallState } from '../../server/domain/types';

const DAY = '2026-11-25';
const AT = Date.parse(`${DAY}T11:00:00+08:00`);

let n = 0;
const newId = () => `id${++n}`;

/** A real command on the state (decided and applied as the hall would). */
function act(state: HallState, command: Command, actor: Actor): void {
  const pending = decide(state, command, { now: AT, newId, newCode: () => '0000', actor, alwaysOpen: false });
  for (const e of seal(state, pending, { commandId: `whatif:${++n}`, actor })) evolve(state, e);
}

/** The morning, with one idle window of the busiest area signed out (the generator staffs them all). */
function morning(): { state: HallState; closedId: string; busiest: string } {
  const events = simulateDay(YUXI, DAY, { ...DEFAULT_PLAN, tickets: 1000, seed: 21 })!;
  const state = foldEvents(
    YUXI,
    DAY,
    events.filter((e) => Date.parse(e.at) <= AT),
  );
  const busiest = [...state.waiting].sort((a, b) => b[1].size - a[1].size)[0]![0];
  const byBusiest = [...state.windows.values()].sort((a, b) => Number(b.areaIds[0] === busiest) - Number(a.areaIds[0] === busiest));
  for (const w of byBusiest) {
    if (w.status === 'closed' || w.ticketId !== null || !w.clerk) continue;
    act(state, { type: 'sign-out', windowId: w.id }, { id: w.clerk.id, role: 'clerk' });
    return { state, closedId: w.id, busiest };
  }
  throw new Error('no idle window at 11:00');
}

describe('what-if', () => {
  const { state, closedId, busiest } = morning();
  const closed = YUXI.windows.find((w) => w.id === closedId)!;

  it('opening a closed window answers what the estimate says once the window is really signed in', () => {
    const areaId = closed.areaIds[0]!;
    const before = JSON.stringify([...state.windows.values()]);
    const started = performance.now();
    const [answer] = whatIf(state, { action: 'open', windowId: closed.id, areaId }, AT, () => 12).filter((a) => a.areaId === areaId);
    const tookMs = performance.now() - started;
    // Again, as the live board asks (the hall's own pace already worked out by the citizens' estimates).
    const again = performance.now();
    whatIf(state, { action: 'open', windowId: closed.id, areaId }, AT, () => 12);
    const againMs = performance.now() - again;
    expect(JSON.stringify([...state.windows.values()])).toBe(before);

    // The real command, on a copy of the morning.
    const real = morning().state;
    act(real, { type: 'sign-in', windowId: closed.id, clerk: { id: 'whatif-clerk', name: '测试', staffNo: null } }, { id: 'whatif-clerk', role: 'clerk' });
    const waiting = real.waiting.get(areaId)?.size ?? 0;
    expect(answer!.waiting).toBe(waiting);
    expect(answer!.now.with).toBe(areaWaitEstimator(real, areaId, AT)(waiting));
    expect(answer!.now.without).toBe(areaWaitEstimator(state, areaId, AT)(waiting));
    console.log(
      `what-if at 11:00 (${areaId}, ${waiting} waiting): now ${answer!.now.without} → ${answer!.now.with} min, in an hour ${answer!.inAnHour.without} → ${answer!.inAnHour.with} min; answered in ${tookMs.toFixed(1)} ms (again ${againMs.toFixed(1)} ms)`,
    );
    expect(waiting).toBeGreaterThan(0);
  });

  it('counts its work: per affected area one play-out as things are and one with the change, none when asked again', () => {
    // A fresh morning: nothing played out yet at this instant.
    const morningState = morning().state;
    const livePlayed = new Set<string>();
    for (const w of YUXI.windows) {
      const live = morningState.windows.get(w.id)!;
      const change =
        live.status === 'closed' ? ({ action: 'open', windowId: w.id, areaId: w.areaIds[0]! } as const) : ({ action: 'close', windowId: w.id } as const);
      const before = work.estimatesRun;
      const answer = whatIf(morningState, change, AT, () => 40);
      const ran = work.estimatesRun - before;
      // One play-out with the change per area; the live state's play-out of an area is shared by
      // every question at the instant (and the phones'): only the first question about it pays.
      const fresh = answer.filter((a) => !livePlayed.has(a.areaId)).length;
      expect(ran, w.id).toBeLessThanOrEqual(answer.length + fresh);
      for (const a of answer) livePlayed.add(a.areaId);
      const again = work.estimatesRun;
      whatIf(morningState, change, AT, () => 40);
      expect(work.estimatesRun - again, w.id).toBe(0);
    }
  });

  it('opening never lengthens a wait, closing never shortens one', () => {
    for (const w of YUXI.windows) {
      const live = state.windows.get(w.id)!;
      const change =
        live.status === 'closed' ? ({ action: 'open', windowId: w.id, areaId: w.areaIds[0]! } as const) : ({ action: 'close', windowId: w.id } as const);
      for (const a of whatIf(state, change, AT, () => 10)) {
        for (const when of ['now', 'inAnHour'] as const) {
          const { without, with: after } = a[when];
          if (change.action === 'open') expect(after === null || without === null || after <= without, `${w.id} ${a.areaId} ${when}`).toBe(true);
          else expect(after === null || without === null || after >= without, `${w.id} ${a.areaId} ${when}`).toBe(true);
        }
      }
    }
  });

  it('names what is wrong with a change', () => {
    const open = YUXI.windows.find((w) => state.windows.get(w.id)!.status !== 'closed')!;
    expect(() => whatIf(state, { action: 'open', windowId: 'nope', areaId: busiest }, AT, () => 0)).toThrow(
      expect.objectContaining({ code: 'window_not_found' }),
    );
    expect(() => whatIf(state, { action: 'open', windowId: closed.id, areaId: 'nope' }, AT, () => 0)).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
    expect(() => whatIf(state, { action: 'close', windowId: closed.id }, AT, () => 0)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => whatIf(state, { action: 'open', windowId: open.id, areaId: open.areaIds[0]! }, AT, () => 0)).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
  });
});
