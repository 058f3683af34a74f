/**
 * `config.applied` in the fold: what a mid-day change does to windows and queues, and a day that
 * never recorded its configuration still folds (and closes) after its windows were removed.
 */
import { describe, expect, it } from 'vitest';
import { configApplied, configChangeProblems } from '../../server/domain/config-change';
import { decide } from '../../server/domain/decide';
import { evolve, foldEvents, seal } from '../../server/domain/evolve';
import { area, Harness, testHall } from '../support/hall-harness';

describe('config.applied', () => {
  it('new windows appear closed, removed idle ones leave, renamed ones keep their clerk and ticket, new areas get a queue', () => {
    const h = new Harness(testHall(), undefined, true);
    h.issue('estate');
    h.open('1');
    h.callNext('1');
    const next = testHall({
      areas: [area('estate', 'B'), area('tax', 'D'), area('police', 'H'), area('fund', 'K')],
      windows: [
        { id: '1', number: 1, name: '不动产一窗', areaIds: ['estate'] },
        { id: '3', number: 3, name: 'three', areaIds: ['tax', 'estate'] },
        { id: '4', number: 4, name: 'four', areaIds: ['police'] },
        { id: '9', number: 9, name: 'nine', areaIds: ['fund'] },
      ],
    });
    expect(configChangeProblems(h.state, next)).toEqual([]);
    for (const e of seal(h.state, [configApplied(h.state, next, 2, h.now)], { commandId: 'config:2', actor: null })) {
      evolve(h.state, e);
      h.log.push(e);
    }
    expect([...h.state.windows.keys()]).toEqual(['1', '3', '4', '9']);
    expect(h.state.windows.get('1')).toMatchObject({ name: '不动产一窗', status: 'open', clerk: { id: 'clerk1' } });
    expect(h.state.windows.get('1')!.ticketId).not.toBeNull();
    expect(h.state.windows.get('9')).toMatchObject({ status: 'closed', clerk: null });
    expect(h.state.waiting.get('fund')?.size).toBe(0);
    expect(h.state.configVersion).toBe(2);
    // The log folds against any later configuration: it starts from the one it recorded.
    const replayed = foldEvents(testHall({ windows: [{ id: '7', number: 7, name: 'seven', areaIds: ['estate', 'tax', 'police'] }] }), h.state.day, h.log);
    expect([...replayed.windows.keys()]).toEqual(['1', '3', '4', '9']);
  });

  it('refuses removing a window with a clerk and an area with a waiting ticket', () => {
    const h = new Harness(testHall(), undefined, true);
    h.issue('police');
    h.open('2');
    const next = testHall({ areas: [area('estate', 'B'), area('tax', 'D')], windows: [{ id: '1', number: 1, name: 'one', areaIds: ['estate', 'tax'] }] });
    expect(configChangeProblems(h.state, next).map((p) => [p.code, p.id])).toEqual([
      ['window_in_use', '2'],
      ['area_in_use', 'police'],
    ]);
  });

  it('a day that never recorded its configuration still folds and closes after a window it used was removed', () => {
    const h = new Harness(testHall(), undefined, true);
    h.issue('police');
    h.open('4');
    h.callNext('4');
    const today = testHall({
      windows: testHall()
        .windows.filter((w) => w.id !== '4')
        .map((w) => (w.id === '3' ? { ...w, areaIds: ['tax', 'estate', 'police'] } : w)),
    });
    const state = foldEvents(today, h.state.day, h.log);
    expect(state.windows.get('4')).toMatchObject({ clerk: { id: 'clerk4' }, areaIds: [] });
    const closing = decide(state, { type: 'close-day' }, { now: h.now, newId: () => 'x', newCode: () => '0000', actor: null, alwaysOpen: true });
    for (const e of seal(state, closing, { commandId: 'close', actor: null })) evolve(state, e);
    expect(state.closed).toBe(true);
    expect(state.windows.get('4')!.clerk).toBeNull();
  });
});
