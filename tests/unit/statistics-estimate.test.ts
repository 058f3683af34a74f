/**
 * The estimated wait follows the hall's measured pace and the windows actually open: nobody waits
 * for an idle window, each place further back waits longer, more windows mean shorter waits, a
 * window busy with its first area reaches a second area later, and the same state always gives
 * the same estimate. (Its accuracy is measured on a simulated day: tests/sim.)
 */
import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes } from '../../server/domain/estimate';
import { foldEvents } from '../../server/domain/evolve';
import type { HallState } from '../../server/domain/types';
import { ticketView } from '../../server/domain/views';
import { Harness, clerk, testHall } from '../support/hall-harness';

/** A hall whose estate clerks have each served `n` citizens in `minutes` minutes (start to finish). */
function paced(minutes: number, n = 6): Harness {
  const h = new Harness();
  h.open('1');
  h.open('2');
  for (let i = 0; i < n; i++) {
    h.issue('estate');
    h.issue('estate');
    h.callNext('1');
    h.callNext('2');
    h.advance(minutes);
    h.run({ type: 'complete', windowId: '1' }, clerk(1));
    h.run({ type: 'complete', windowId: '2' }, clerk(2));
  }
  return h;
}

describe('estimateWaitMinutes', () => {
  it('is 0 at an idle window and null when no window serves the area', () => {
    const h = paced(10);
    expect(estimateWaitMinutes(h.state, 'estate', 0, h.now)).toBe(0);
    expect(estimateWaitMinutes(h.state, 'police', 0, h.now)).toBeNull();
  });

  it('counts people ahead at the measured pace over the open windows', () => {
    const h = paced(10);
    for (let i = 0; i < 8; i++) h.issue('estate');
    // Two idle windows, ten-minute calls: places 0–1 now, 2–3 after one call, …
    const at = (k: number) => estimateWaitMinutes(h.state, 'estate', k, h.now)!;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(at)).toEqual([0, 0, 10, 10, 20, 20, 30, 30]);
    const slow = paced(20);
    expect(estimateWaitMinutes(slow.state, 'estate', 4, slow.now)).toBe(40);
  });

  it('waits for the citizens at the counters to finish, less the time they have been there', () => {
    const h = paced(10);
    h.issue('estate');
    h.issue('estate');
    h.callNext('1');
    h.callNext('2');
    h.issue('estate');
    expect(estimateWaitMinutes(h.state, 'estate', 0, h.now)).toBe(10);
    expect(estimateWaitMinutes(h.state, 'estate', 0, h.now + 4 * 60_000)).toBe(6);
  });

  it('gives a shorter wait with more windows open and a longer one further back', () => {
    const h = paced(10);
    for (let i = 0; i < 10; i++) h.issue('estate');
    const two = estimateWaitMinutes(h.state, 'estate', 9, h.now)!;
    h.open('3');
    const three = estimateWaitMinutes(h.state, 'estate', 9, h.now)!;
    expect(three).toBeLessThan(two);
    const places = Array.from({ length: 10 }, (_, k) => estimateWaitMinutes(h.state, 'estate', k, h.now)!);
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });

  it('reaches a second area only after the window first empties its first area', () => {
    const config = testHall({ windows: [{ id: '3', number: 3, name: 'three', areaIds: ['tax', 'estate'] }] });
    const h = new Harness(config);
    h.open('3');
    h.issue('estate');
    const alone = estimateWaitMinutes(h.state, 'estate', 0, h.now)!;
    for (let i = 0; i < 3; i++) h.issue('tax');
    const behindTax = estimateWaitMinutes(h.state, 'estate', 0, h.now)!;
    expect(alone).toBe(0);
    expect(behindTax).toBeGreaterThanOrEqual(15);
  });

  it('is the same for the same state, and the ticket view shows it', () => {
    // Services of very different lengths, so the played-out draws really differ.
    const h = new Harness();
    h.open('1');
    h.open('2');
    for (const minutes of [3, 17, 6, 29, 9, 12, 4, 41, 7, 22]) {
      h.issue('estate');
      h.callNext('1');
      h.advance(minutes);
      h.run({ type: 'complete', windowId: '1' }, clerk(1));
    }
    for (let i = 0; i < 5; i++) h.issue('estate');
    h.callNext('1');
    h.callNext('2');
    const last = h.state.tickets.get(h.state.numbers.get('B015')!)!;
    const view = ticketView(h.state, last, h.now + 60_000);
    expect(view.ahead).toBe(2);
    // A state folded afresh from the same events shares nothing with this one (no remembered
    // play-outs), so only an estimate that is a function of the state can agree with it.
    const rebuilt = (): HallState => foldEvents(h.config, h.state.day, structuredClone(h.log));
    expect(estimateWaitMinutes(rebuilt(), 'estate', 2, h.now + 60_000)).toBe(view.estimatedWaitMinutes);
    const questions = [0, 1, 3, 10, 40, 100].flatMap((ahead) => [0, 20, 95].map((seconds) => ({ ahead, at: h.now + seconds * 1000 })));
    const answers = questions.map((q) => estimateWaitMinutes(h.state, 'estate', q.ahead, q.at));
    // Asked one at a time of fresh states, and all together in the reverse order of one.
    expect(questions.map((q) => estimateWaitMinutes(rebuilt(), 'estate', q.ahead, q.at))).toEqual(answers);
    const reversed = rebuilt();
    expect(
      [...questions]
        .reverse()
        .map((q) => estimateWaitMinutes(reversed, 'estate', q.ahead, q.at))
        .reverse(),
    ).toEqual(answers);
  });
});
