/**
 * The WAV of each announcement, synthesised once and kept. A call starts its synthesis the moment it
 * is committed, so by the time a wall board asks for `announcement.wav` it is ready (or nearly); a
 * recall, or a second board, gets the same bytes. Identical calls share an entry: the key is what is
 * said and how, not which ticket said it.
 */
import { createHash } from 'node:crypto';
import type { VoiceSettings } from '../domain/voice-settings';
import type { Announcement } from './announcement';
import { callWavOffThread } from './voice-thread';

export interface CallWav {
  wav: Buffer;
  /** Changes whenever the words or the hall's voice settings change. */
  etag: string;
}

export interface AnnouncementAudioOptions {
  /** Cache size; oldest-used entries go first. Default 64 MB (some 150 calls). */
  maxBytes?: number;
  /** Calls synthesised at once (each runs an espeak-ng per language); the machine's other work must go on during a burst of calls. */
  concurrency?: number;
}

interface Entry {
  promise: Promise<CallWav>;
  bytes: number;
}

export class AnnouncementAudio {
  private readonly cache = new Map<string, Entry>();
  private readonly waiting: Array<() => void> = [];
  private readonly maxBytes: number;
  private readonly concurrency: number;
  private active = 0;
  private bytes = 0;
  /** How many calls were synthesised (cache misses). */
  synthesised = 0;

  constructor(opts: AnnouncementAudioOptions = {}) {
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.concurrency = opts.concurrency ?? 1;
  }

  /**
   * The WAV of `a` with the hall's `voice` settings: from the cache, or synthesised now. `ahead`:
   * made before anyone asked (at a call), so espeak-ng runs at the lowest CPU priority.
   */
  wav(a: Announcement, voice: VoiceSettings, opts: { ahead?: boolean } = {}): Promise<CallWav> {
    const key = createHash('sha256')
      .update(JSON.stringify([a.parts.map((p) => [p.locale, p.speech]), voice.rate, voice.repeats, voice.volume]))
      .digest('base64url')
      .slice(0, 27);
    const hit = this.cache.get(key);
    if (hit) {
      // Least recently used goes first: touching an entry moves it to the end.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.promise;
    }
    const entry: Entry = { promise: this.build(a, voice, `"${key}"`, opts.ahead === true), bytes: 0 };
    this.cache.set(key, entry);
    this.synthesised++;
    entry.promise.then(
      (r) => {
        if (this.cache.get(key) !== entry) return;
        entry.bytes = r.wav.length;
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        // A failed synthesis is not kept: the next request tries again.
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    return entry.promise;
  }

  /** Calls waiting for their turn to be synthesised. */
  get backlog(): number {
    return this.waiting.length;
  }

  private evict(): void {
    for (const [key, entry] of this.cache) {
      if (this.bytes <= this.maxBytes || this.cache.size <= 1) return;
      if (entry.bytes === 0) continue; // still being made
      this.cache.delete(key);
      this.bytes -= entry.bytes;
    }
  }

  /** In the voice thread (`voice-thread.ts`): the server's thread only sends the words and takes the bytes. */
  private async build(a: Announcement, voice: VoiceSettings, etag: string, low: boolean): Promise<CallWav> {
    const job = { parts: a.parts.map((p) => ({ speech: p.speech, locale: p.locale })), rate: voice.rate, repeats: voice.repeats, volume: voice.volume, low };
    return { wav: await this.limited(() => callWavOffThread(job)), etag };
  }

  private async limited<T>(job: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    // Full: wait in line; a finishing job hands its slot straight to the first in line, so a burst
    // of calls is synthesised in the order it was called.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
