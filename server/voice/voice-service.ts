/**
 * Voice announcements for every hall: hears each committed `ticket.called` / `ticket.recalled`,
 * starts synthesising its WAV at once (for wall boards), and, when the server has speakers, queues
 * it on the zone's line. Also answers "what was said for this ticket's latest call" for the HTTP API.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { HallService } from '../app/hall-service';
import { DomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import type { HallConfig } from '../domain/types';
import { voiceSettings } from '../domain/voice-settings';
import { announcementFor, type Announcement } from './announcement';
import { AnnouncementAudio, type CallWav } from './announcement-audio';
import { AnnouncementQueue } from './announcement-queue';
import type { Announcer } from './announcer';
import { warmVoiceThread } from './voice-thread';

/**
 * Beyond this many utterances waiting for espeak-ng, calls are no longer synthesised ahead of a
 * request. A board plays one call in about ten seconds and synthesis takes a tenth of that, so
 * synthesising far ahead only spends CPU that calls need (2 cores: espeak-ng competes with the server).
 */
const MAX_PRESYNTHESIS_BACKLOG = 2;
/** At most one call per hall synthesised ahead in this time: a board cannot play them faster. */
const PRESYNTHESIS_SPACING_MS = 1000;

export interface VoiceServiceOptions {
  service: HallService;
  /** Null: no speakers on this server; boards still get their WAVs. */
  announcer: Announcer | null;
  log: FastifyBaseLogger;
  audio?: AnnouncementAudio;
  /**
   * Whether a screen that may play sound follows the hall on this node. Without one, a call's WAV is
   * made when a board asks (still well within a second), not ahead: synthesis costs CPU at every call.
   */
  listening?: (hallId: string) => boolean;
}

/** A ticket's latest call and what is said for it. */
export interface TicketAnnouncement {
  ticketId: string;
  announcement: Announcement;
}

export class VoiceService {
  readonly audio: AnnouncementAudio;
  private readonly queue: AnnouncementQueue | null;
  private readonly unsubscribe: () => void;
  /** When each hall last had a call synthesised ahead of a request. */
  private readonly lastAhead = new Map<string, number>();

  constructor(private readonly opts: VoiceServiceOptions) {
    this.audio = opts.audio ?? new AnnouncementAudio();
    // Calls' WAVs are made in the voice thread: loaded now, so the first call's is as quick as any.
    warmVoiceThread();
    this.queue = opts.announcer
      ? new AnnouncementQueue(opts.announcer, (err, call) =>
          opts.log.error(
            { err, hallId: call.hallId, zone: call.zone, ticketId: call.ticketId, number: call.announcement.number },
            'call could not be announced',
          ),
        )
      : null;
    this.unsubscribe = opts.service.onCommitted((events) => {
      const calls = events.filter((e) => e.type === 'ticket.called' || e.type === 'ticket.recalled');
      if (calls.length === 0) return;
      // Off the command's path: the call's answer and its push to the boards go first (they are
      // sent in this turn of the loop); synthesis starts in the next, at the lowest CPU priority.
      setImmediate(() => {
        for (const e of calls) {
          // Whatever goes wrong with a voice must not reach the hall's runner.
          try {
            this.onEvent(e);
          } catch (err) {
            opts.log.error({ err, hallId: e.hallId, version: e.version }, 'call could not be prepared for announcing');
          }
        }
      });
    });
  }

  private onEvent(e: HallEvent): void {
    if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return;
    const hall = this.opts.service.hall(e.hallId);
    if (!hall) return;
    const voice = voiceSettings(hall);
    const announcement = announcementFor(hall, { number: e.ticket.number, areaId: e.ticket.areaId, window: e.window });
    const queue = voice.speaker ? this.queue : null;
    // Calls come at a human pace; a flood (a load test, a script) must not turn into minutes of
    // synthesis that starve the server. Boards still get their WAV, made when they ask.
    if (!queue && this.audio.backlog >= MAX_PRESYNTHESIS_BACKLOG) return;
    if (!queue && this.opts.listening && !this.opts.listening(e.hallId)) return;
    if (!queue) {
      const now = performance.now();
      if (now - (this.lastAhead.get(e.hallId) ?? -Infinity) < PRESYNTHESIS_SPACING_MS) return;
      this.lastAhead.set(e.hallId, now);
    }
    const started = performance.now();
    const audio = this.audio.wav(announcement, voice, { ahead: !queue });
    audio.then(
      () => this.opts.log.debug({ hallId: e.hallId, ticketId: e.ticket.id, ms: Math.round(performance.now() - started) }, 'call audio ready'),
      (err) => this.opts.log.error({ err, hallId: e.hallId, ticketId: e.ticket.id }, 'call audio failed'),
    );
    if (!queue) return;
    queue.push({
      hallId: e.hallId,
      zone: announcement.zone,
      ticketId: e.ticket.id,
      kind: e.type === 'ticket.called' ? 'call' : 'recall',
      announcement,
      device: deviceOf(hall, announcement.zone),
      audio: audio.then((a) => a.wav),
    });
  }

  /** What is said for the latest call of a ticket today; 404 when there is no such ticket or it was not called. */
  async latest(hallId: string, ticketId: string): Promise<TicketAnnouncement> {
    const hall = this.opts.service.hall(hallId);
    if (!hall) throw new DomainError('hall_not_found', `no hall ${hallId}`);
    return this.opts.service.query(hallId, (state) => {
      const t = state.tickets.get(ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      const w = t.windowId !== null && t.calledAt !== null ? state.windows.get(t.windowId) : undefined;
      if (!w) throw new DomainError('not_found', `ticket ${t.number} has not been called`);
      return { ticketId, announcement: announcementFor(hall, { number: t.number, areaId: t.areaId, window: { number: w.number, name: w.name } }) };
    });
  }

  /** The WAV of a ticket's latest call (the one synthesised when it was called, if still cached). */
  async wav(hallId: string, ticketId: string): Promise<CallWav> {
    const { announcement } = await this.latest(hallId, ticketId);
    return this.audio.wav(announcement, voiceSettings(this.opts.service.hall(hallId)!));
  }

  /** Resolves when every queued call has been said. */
  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  close(): void {
    this.unsubscribe();
  }
}

function deviceOf(hall: HallConfig, zone: string): string | null {
  const voice = voiceSettings(hall);
  return voice.zones.find((z) => z.id === zone)?.device ?? voice.device;
}
