/**
 * What citizens' phones following their tickets are told. Each node keeps the tickets its own
 * phones follow (`follow` / `unfollow`); after a batch changes a hall, the node works out the public
 * figures of those tickets only — each one's place read from its area's kept order, one wait
 * estimator per area — and a ticket's room hears an update only when its figures changed since the
 * last one sent. Phones never join the hall's room, so they never see another ticket's event or id.
 *
 * The work per batch is bounded by the tickets this node's phones follow in the hall: a hall nobody
 * follows costs one map lookup, however many tickets are open. With several nodes, every node folds
 * the same log, so each answers its own phones: a node hears of another node's append (the store's
 * notice), catches the hall up (`query`) and makes its own pass — only if one of its phones follows
 * that hall. Nothing crosses between nodes for phones.
 *
 * Batches committed in a burst are folded into one pass (the latest state answers for all of them).
 */
import type { Namespace } from 'socket.io';
import type { HallState } from '../domain/types';
import { publicTicketViews, type PublicTicketView } from '../domain/views';
import { work } from '../domain/work';

/** The room of the phones following one ticket (by its internal id: rooms never leave the server). */
export const followRoom = (hallId: string, ticketId: string): string => `follow:${hallId}:${ticketId}`;

/** The figures a phone shows: a new version alone is not a change worth a message. */
function figures(v: PublicTicketView): string {
  return `${v.status}|${v.areaId}|${v.ahead}|${v.estimatedWaitMinutes}|${v.windowId}|${v.recalls}|${v.transferredFrom}|${v.startedAt}|${v.completedAt}`;
}

interface HallFollowers {
  /** Ticket id → how many of this node's phones follow it. */
  phones: Map<string, number>;
  day: string;
  /** Ticket id → the figures its phones were last sent, and at which version (followed tickets only). */
  sent: Map<string, { figures: string; version: number }>;
  /** The hall version the last pass worked at (a notice of our own append needs no second pass). */
  passedVersion: number;
}

export interface FollowerStats {
  passes: number;
  updatesSent: number;
}

export class TicketFollowers {
  private readonly halls = new Map<string, HallFollowers>();
  private readonly pending = new Map<string, HallState>();
  private scheduled = false;
  readonly stats: FollowerStats = { passes: 0, updatesSent: 0 };

  constructor(
    private readonly nsp: Namespace,
    private readonly opts: { now: () => number },
  ) {}

  /** A phone on this node follows the ticket (its socket joined the ticket's room). */
  follow(hallId: string, ticketId: string): void {
    let hall = this.halls.get(hallId);
    if (!hall) this.halls.set(hallId, (hall = { phones: new Map(), day: '', sent: new Map(), passedVersion: -1 }));
    hall.phones.set(ticketId, (hall.phones.get(ticketId) ?? 0) + 1);
  }

  /** A phone following the ticket left this node. */
  unfollow(hallId: string, ticketId: string): void {
    const hall = this.halls.get(hallId);
    const n = hall?.phones.get(ticketId);
    if (!hall || n === undefined) return;
    if (n > 1) return void hall.phones.set(ticketId, n - 1);
    hall.phones.delete(ticketId);
    hall.sent.delete(ticketId);
    if (hall.phones.size === 0) this.halls.delete(hallId);
  }

  /** Whether any phone on this node follows a ticket of the hall. */
  followsHall(hallId: string): boolean {
    return this.halls.has(hallId);
  }

  /** The hall changed (a batch committed here, or caught up from another node): its phones are told after this turn of the loop. */
  committed(state: HallState): void {
    const hall = this.halls.get(state.config.id);
    // Nobody here follows the hall: nothing to work out, however many tickets it has.
    if (!hall) return;
    // By hall and day: a batch on another day's log (an appointment) must not stand in for today's.
    const key = `${state.config.id}|${state.day}`;
    if (hall.day === state.day && hall.passedVersion === state.version && !this.pending.has(key)) return;
    this.pending.set(key, state);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batches = [...this.pending.values()];
      this.pending.clear();
      for (const s of batches) this.pass(s);
    });
  }

  private pass(state: HallState): void {
    const hallId = state.config.id;
    const hall = this.halls.get(hallId);
    if (!hall) return;
    // Only the followed tickets (a phone's link names one of today's tickets; others are skipped).
    const views = publicTicketViews(state, hall.phones.keys(), this.opts.now());
    // Another day's log (an appointment booked for next week) has none of them: nothing to tell.
    if (views.size === 0 && hall.day !== state.day) return;
    this.stats.passes++;
    if (hall.day !== state.day) {
      hall.day = state.day;
      hall.sent.clear();
    }
    hall.passedVersion = state.version;
    const updates: Array<[string, PublicTicketView]> = [];
    for (const [id, view] of views) {
      const f = figures(view);
      if (hall.sent.get(id)?.figures === f) continue;
      hall.sent.set(id, { figures: f, version: view.version });
      updates.push([id, view]);
    }
    for (const [id, view] of updates) {
      this.nsp.local.to(followRoom(hallId, id)).emit('ticket:update', view);
      work.messagesSerialised++;
      this.stats.updatesSent++;
    }
  }

  /** A phone was just given its ticket's figures directly (on connecting): the next pass compares with them. */
  remember(hallId: string, ticketId: string, view: PublicTicketView): void {
    const hall = this.halls.get(hallId);
    if (!hall || !hall.phones.has(ticketId)) return;
    if (hall.day !== view.day) {
      hall.day = view.day;
      hall.sent.clear();
    }
    // A pass may have sent newer figures meanwhile: those are what the phone shows.
    if ((hall.sent.get(ticketId)?.version ?? -1) <= view.version) hall.sent.set(ticketId, { figures: figures(view), version: view.version });
  }
}
