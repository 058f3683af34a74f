/**
 * The Announcer port: whatever says a call out loud. The server's speakers are one adapter
 * (`speaker-announcer.ts`), a recording one serves tests (`recording-announcer.ts`); `buildApp`
 * takes either. Calls reach an announcer one at a time per zone (`announcement-queue.ts`).
 */
import type { Announcement } from './announcement';

/** A call ready to be said. */
export interface SpokenCall {
  hallId: string;
  /** The zone whose speakers say it. */
  zone: string;
  ticketId: string;
  /** A recall (重呼) is said again, in turn, like a new call. */
  kind: 'call' | 'recall';
  announcement: Announcement;
  /** The zone's sound device on the server; null = the default one. */
  device: string | null;
  /** Chime and speech, RIFF/WAVE 16-bit mono. */
  wav: Buffer;
}

export interface Announcer {
  /** Says the call; resolves when it has been said, rejects if it could not be. */
  announce(call: SpokenCall): Promise<void>;
}
