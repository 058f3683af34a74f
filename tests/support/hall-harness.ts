/**
 * Drives the pure domain core the way the hall runner does — decide, seal, evolve — with a
 * hand-moved clock, for unit and property tests that run in milliseconds.
 */
import { decide } from '../../server/domain/decide';
import type { Command } from '../../server/domain/commands';
import type { HallEvent } from '../../server/domain/events';
import { evolve, initialState, seal } from '../../server/domain/evolve';
import { localDate } from '../../server/domain/time';
import { DEFAULT_POLICY, type Actor, type AreaConfig, type HallConfig, type HallState, type QueuePolicy, type WindowConfig } from '../../server/domain/types';

export const T0 = Date.parse('2026-11-26T09:00:00+08:00'); // a Thursday, 09:00 in the hall

export function area(id: string, prefix: string): AreaConfig {
  return { id, name: id, prefix, services: [{ id: `${id}-01`, name: `${id} service` }] };
}

export function testHall(opts: { windows?: WindowConfig[]; areas?: AreaConfig[]; policy?: Partial<QueuePolicy> } = {}): HallConfig {
  const areas = opts.areas ?? [area('estate', 'B'), area('tax', 'D'), area('police', 'H')];
  return {
    id: 'test',
    name: '测试大厅',
    timezone: 'Asia/Shanghai',
    areas,
    windows: opts.windows ?? [
      { id: '1', number: 1, name: 'one', areaIds: ['estate'] },
      { id: '2', number: 2, name: 'two', areaIds: ['estate'] },
      { id: '3', number: 3, name: 'three', areaIds: ['tax', 'estate'] },
      { id: '4', number: 4, name: 'four', areaIds: ['police'] },
    ],
    // No-shows at once unless a test sets the hall's minimum after the call (`no-show.ts`, default 60 s).
    policy: { ...DEFAULT_POLICY, noShowAfterSeconds: 0, ...opts.policy },
    calendar: { workday: [{ kind: 'regular', start: '09:00', end: '17:00' }], weekly: [], holidays: [], makeupWorkdays: [] },
    staff: [],
    devices: [],
  };
}

export const KIOSK: Actor = { id: 'kiosk01', role: 'kiosk' };
export const MANAGER: Actor = { id: 'manager', role: 'manager' };
export const clerk = (n: number): Actor => ({ id: `clerk${n}`, role: 'clerk' });

export class Harness {
  state: HallState;
  now: number;
  readonly log: HallEvent[] = [];
  private ids = 0;
  private commands = 0;

  constructor(
    readonly config: HallConfig = testHall(),
    start = T0,
    readonly alwaysOpen = false,
  ) {
    this.now = start;
    this.state = initialState(config, localDate(start, config.timezone));
  }

  advance(minutes: number): this {
    this.now += minutes * 60_000;
    return this;
  }

  /** Decides and applies a command; returns its events (throws the DomainError on refusal). */
  run(cmd: Command, actor: Actor | null = MANAGER): HallEvent[] {
    const pending = decide(this.state, cmd, {
      now: this.now,
      newId: () => `id${++this.ids}`,
      newCode: () => String(this.ids++ % 10000).padStart(4, '0'),
      actor,
      alwaysOpen: this.alwaysOpen,
    });
    const events = seal(this.state, pending, { commandId: `cmd${++this.commands}`, actor });
    for (const e of events) evolve(this.state, e);
    this.log.push(...events);
    return events;
  }

  issue(areaId: string, priority: 'normal' | 'priority' | 'urgent' = 'normal', actor: Actor = priority === 'urgent' ? MANAGER : KIOSK): string {
    const [e] = this.run({ type: 'issue-ticket', areaId, priority }, actor);
    if (e?.type !== 'ticket.issued') throw new Error('no ticket issued');
    return e.ticket.number;
  }

  open(windowId: string, clerkNo = Number(windowId)): void {
    this.run({ type: 'sign-in', windowId, clerk: { id: `clerk${clerkNo}`, name: `Clerk ${clerkNo}`, staffNo: null } }, clerk(clerkNo));
  }

  /** Calls next at a window (as its clerk) and returns the number called, or null. */
  callNext(windowId: string, clerkNo = Number(windowId)): string | null {
    const [e] = this.run({ type: 'call-next', windowId }, clerk(clerkNo));
    return e?.type === 'ticket.called' ? e.ticket.number : null;
  }

  /** Calls next and completes it at once: how a queue drains. */
  serveNext(windowId: string, clerkNo = Number(windowId)): string | null {
    const n = this.callNext(windowId, clerkNo);
    if (n !== null) this.run({ type: 'complete', windowId }, clerk(clerkNo));
    return n;
  }
}
