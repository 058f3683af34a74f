/**
 * What citizens' phones following their tickets are told: after each committed batch the hall's
 * open tickets get their public figures from one shared pass (`publicTicketViews`: each area's
 * queue ordered once, however many phones follow it), and a ticket's room hears an update only
 * when its figures changed since the last one sent. Phones never join the hall's room, so they
 * never see another ticket's event or id.
 *
 * Batches committed in a burst are folded into one pass (the latest state answers for all of
 * them). With several nodes, the node that committed computes and hands the changed updates to
 * the other nodes (`serverSideEmit`), each of which passes them to its own phones; every node
 * records them as sent, so whichever node commits next compares against what phones really got.
 */
import type { Namespace } from 'socket.io';
import type { HallState } from '../domain/types';
import { publicTicketViews, type PublicTicketView } from '../domain/views';

/** The room of the phones following one ticket (by its internal id: rooms never leave the server). */
export const followRoom = (hallId: string, ticketId: string): string => `follow:${hallId}:${ticketId}`;

/** The node-to-node message carrying a batch's changed updates. */
export const UPDATES_MESSAGE = 'ticket:updates';

export type TicketUpdates = Array<[ticketId: string, view: PublicTicketView]>;

/** The figures a phone shows: a new version alone is not a change worth a message. */
function figures(v: PublicTicketView): string {
  return `${v.status}|${v.areaId}|${v.ahead}|${v.estimatedWaitMinutes}|${v.windowId}|${v.recalls}|${v.transferredFrom}|${v.startedAt}|${v.completedAt}`;
}

interface HallSent {
  day: string;
  /** Ticket id → the figures its phones were last sent (open tickets, and those closed in the last pass). */
  sent: Map<string, string>;
}

export interface FollowerStats {
  passes: number;
  updatesSent: number;
}

export class TicketFollowers {
  private readonly halls = new Map<string, HallSent>();
  private readonly pending = new Map<string, { state: HallState; touched: Set<string> }>();
  private scheduled = false;
  readonly stats: FollowerStats = { passes: 0, updatesSent: 0 };

  constructor(
    private readonly nsp: Namespace,
    private readonly opts: { now: () => number; shareWithNodes: boolean },
  ) {}

  /** A batch was committed on this node: its hall's phones are told after this turn of the loop. */
  committed(state: HallState, touchedTicketIds: Iterable<string>): void {
    const hallId = state.config.id;
    const entry = this.pending.get(hallId);
    const touched = entry && entry.state.day === state.day ? entry.touched : new Set<string>();
    for (const id of touchedTicketIds) touched.add(id);
    this.pending.set(hallId, { state, touched });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Computes now whatever is pending (also what tests and the bench wait for). */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const { state, touched } of batches) this.pass(state, touched);
  }

  private pass(state: HallState, touched: Set<string>): void {
    this.stats.passes++;
    const hallId = state.config.id;
    let hall = this.halls.get(hallId);
    if (!hall || hall.day !== state.day) this.halls.set(hallId, (hall = { day: state.day, sent: new Map() }));
    // Every open ticket (its place can move with anyone's call), and those this batch closed.
    const ids = new Set<string>(touched);
    for (const queue of state.waiting.values()) for (const id of queue) ids.add(id);
    for (const w of state.windows.values()) if (w.ticketId !== null) ids.add(w.ticketId);
    const views = publicTicketViews(state, ids, this.opts.now());
    const changed: TicketUpdates = [];
    for (const [id, view] of views) {
      const key = figures(view);
      if (hall.sent.get(id) !== key) changed.push([id, view]);
    }
    // Tickets that left the open set have had their last word: forget them.
    for (const id of hall.sent.keys()) if (!views.has(id)) hall.sent.delete(id);
    if (changed.length === 0) return;
    this.deliver(hallId, state.day, changed);
    if (this.opts.shareWithNodes) this.nsp.serverSideEmit(UPDATES_MESSAGE, hallId, state.day, changed);
  }

  /** Updates computed here or on another node: recorded as sent, and passed to this node's phones. */
  deliver(hallId: string, day: string, updates: TicketUpdates): void {
    let hall = this.halls.get(hallId);
    if (!hall || hall.day !== day) this.halls.set(hallId, (hall = { day, sent: new Map() }));
    const rooms = this.nsp.adapter.rooms;
    for (const [id, view] of updates) {
      hall.sent.set(id, figures(view));
      const room = followRoom(hallId, id);
      if (!rooms.has(room)) continue;
      this.nsp.local.to(room).emit('ticket:update', view);
      this.stats.updatesSent++;
    }
  }
}
