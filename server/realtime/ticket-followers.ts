/**
 * What citizens' phones following their tickets are told: after each committed batch the hall's
 * open tickets get their public figures from one shared pass (`publicTicketViews`: each area's
 * queue ordered once, however many phones follow it), and a ticket's room hears an update only
 * when its figures changed since the last one sent. Phones never join the hall's room, so they
 * never see another ticket's event or id.
 *
 * Batches committed in a burst are folded into one pass (the latest state answers for all of
 * them). A pass works area by area and yields between areas, so a busy hall's wait estimates (a
 * play-out per area) never hold the event loop for long; each area's phones hear as soon as their
 * area is done. On one node only the tickets someone follows are worked out. With several nodes, the node that committed computes and hands the changed updates to
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
  /** Ticket id → the figures its phones were last sent, and at which version (open tickets, and those closed in the last pass). */
  sent: Map<string, { figures: string; version: number }>;
}

export interface FollowerStats {
  passes: number;
  updatesSent: number;
}

export class TicketFollowers {
  private readonly halls = new Map<string, HallSent>();
  private readonly pending = new Map<string, { state: HallState; touched: Set<string> }>();
  private scheduled = false;
  /** The pass under way, if any: the next one waits for it. */
  private running: Promise<void> | null = null;
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
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.flush().finally(() => {
        this.running = null;
        if (this.pending.size > 0) this.schedule();
      });
    });
  }

  /** Works out whatever is pending, hall by hall. */
  private async flush(): Promise<void> {
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const { state, touched } of batches) await this.pass(state, touched);
  }

  private async pass(state: HallState, touched: Set<string>): Promise<void> {
    this.stats.passes++;
    const hallId = state.config.id;
    const day = state.day;
    let hall = this.halls.get(hallId);
    if (!hall || hall.day !== day) this.halls.set(hallId, (hall = { day, sent: new Map() }));
    const rooms = this.nsp.adapter.rooms;
    // On one node the followed tickets are known; with several, any open ticket may be followed elsewhere.
    const wanted = (id: string) => this.opts.shareWithNodes || rooms.has(followRoom(hallId, id));
    // Every open ticket (its place can move with anyone's call), and those this batch closed,
    // grouped by the queue they wait in (one ordering and one play-out per group).
    const groups = new Map<string, string[]>();
    const add = (group: string, id: string) => {
      if (!wanted(id)) return;
      const g = groups.get(group);
      if (g) g.push(id);
      else groups.set(group, [id]);
    };
    const open = new Set<string>();
    for (const [areaId, queue] of state.waiting) for (const id of queue) (open.add(id), add(areaId, id));
    for (const w of state.windows.values()) if (w.ticketId !== null && !open.has(w.ticketId)) (open.add(w.ticketId), add('', w.ticketId));
    for (const id of touched) if (!open.has(id)) add('', id);
    let first = true;
    for (const ids of groups.values()) {
      if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
      first = false;
      // The state moves on while a pass yields: a later day is the next pass's business.
      if (state.day !== day) return;
      const changed: TicketUpdates = [];
      for (const [id, view] of publicTicketViews(state, ids, this.opts.now())) {
        if (hall.sent.get(id)?.figures !== figures(view)) changed.push([id, view]);
      }
      if (changed.length === 0) continue;
      this.deliver(hallId, day, changed);
      if (this.opts.shareWithNodes) this.nsp.serverSideEmit(UPDATES_MESSAGE, hallId, day, changed);
    }
    // Tickets that left the open set have had their last word: forget them.
    for (const id of hall.sent.keys()) if (!open.has(id) && !touched.has(id)) hall.sent.delete(id);
  }

  /** A phone was just given its ticket's figures directly (on connecting): the next pass compares with them. */
  remember(hallId: string, ticketId: string, view: PublicTicketView): void {
    let hall = this.halls.get(hallId);
    if (!hall || hall.day !== view.day) this.halls.set(hallId, (hall = { day: view.day, sent: new Map() }));
    // A pass may have sent newer figures meanwhile: those are what the phone shows.
    if ((hall.sent.get(ticketId)?.version ?? -1) <= view.version) hall.sent.set(ticketId, { figures: figures(view), version: view.version });
  }

  /** Updates computed here or on another node: recorded as sent, and passed to this node's phones. */
  deliver(hallId: string, day: string, updates: TicketUpdates): void {
    let hall = this.halls.get(hallId);
    if (!hall || hall.day !== day) this.halls.set(hallId, (hall = { day, sent: new Map() }));
    const rooms = this.nsp.adapter.rooms;
    for (const [id, view] of updates) {
      hall.sent.set(id, { figures: figures(view), version: view.version });
      const room = followRoom(hallId, id);
      if (!rooms.has(room)) continue;
      this.nsp.local.to(room).emit('ticket:update', view);
      this.stats.updatesSent++;
    }
  }
}
