/**
 * The wall board's voice: calls play one after another through a FIFO, never over each other.
 * Each call plays the server's `announcement.wav` (a chime first, then the spoken call); while
 * that is not available (no voice configured, synthesis failed) the board plays its own chime so a
 * call is never silent. A browser started for the wall (kiosk mode, `--autoplay-policy=no-user-gesture-required`,
 * see deploy/README.md) plays at once: `start()` on load. Any other browser only starts audio after
 * a gesture, hence `enable()` on a tap, and `running` / `onStateChange` so the board can say on
 * screen that it is silent.
 */

export interface CallToAnnounce {
  ticketId: string;
  number: string;
  windowNumber: number;
  recall: boolean;
}

/** What was played, in order, with when it started and ended on the audio clock (seconds). */
export interface PlayedCall extends CallToAnnounce {
  kind: 'announcement' | 'chime';
  start: number;
  end: number;
}

interface Queued {
  call: CallToAnnounce;
  /** Fetched as soon as the call is queued, so it is ready when its turn comes. */
  audio: Promise<ArrayBuffer | null>;
}

export interface CallAnnouncerOptions {
  wavUrl: (ticketId: string) => string;
  token: () => string | null;
  onPlayed: (played: PlayedCall) => void;
  /** The audio output started or stopped (blocked until a gesture, or suspended by the system). */
  onStateChange?: (running: boolean) => void;
}

export class CallAnnouncer {
  private ctx: AudioContext | null = null;
  private readonly queue: Queued[] = [];
  private playing = false;
  private chimeBuffer: AudioBuffer | null = null;

  constructor(private readonly opts: CallAnnouncerOptions) {}

  /** Whether sound plays now: the browser let the audio output start and it is running. */
  get running(): boolean {
    return this.ctx?.state === 'running';
  }

  /**
   * Tries to start the audio output without a gesture (allowed when the browser was started for
   * the wall, see deploy/README.md); returns whether it runs. A blocked start stays suspended and
   * `onStateChange` tells when a later tap (`enable`) or the browser lets it run.
   */
  start(): boolean {
    const ctx = this.context();
    if (ctx.state !== 'running') ctx.resume().catch(() => undefined);
    return this.running;
  }

  /** Call from a tap's handler: that gesture is what lets the page play sound from now on. */
  async enable(): Promise<void> {
    await this.context().resume();
  }

  private context(): AudioContext {
    if (!this.ctx) {
      const ctx = new AudioContext();
      ctx.onstatechange = () => this.opts.onStateChange?.(ctx.state === 'running');
      this.ctx = ctx;
    }
    return this.ctx;
  }

  /** Queues a call to be spoken; while the output is not running, calls are shown only (no backlog spoken later). */
  announce(call: CallToAnnounce): void {
    if (!this.running) return;
    this.queue.push({ call, audio: this.fetchWav(call.ticketId) });
    void this.drain();
  }

  close(): void {
    this.queue.length = 0;
    if (this.ctx) this.ctx.onstatechange = null;
    void this.ctx?.close();
    this.ctx = null;
  }

  private async drain(): Promise<void> {
    if (this.playing) return;
    this.playing = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.playOne(next);
    } finally {
      this.playing = false;
    }
  }

  private async playOne({ call, audio }: Queued): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    let buffer: AudioBuffer | null = null;
    const bytes = await audio;
    if (bytes) {
      try {
        buffer = await ctx.decodeAudioData(bytes);
      } catch {
        buffer = null;
      }
    }
    const kind = buffer ? 'announcement' : 'chime';
    buffer ??= this.chime(ctx);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    const start = ctx.currentTime;
    await new Promise<void>((resolve) => {
      source.onended = () => resolve();
      source.start();
    });
    this.opts.onPlayed({ ...call, kind, start, end: ctx.currentTime });
  }

  private async fetchWav(ticketId: string): Promise<ArrayBuffer | null> {
    const token = this.opts.token();
    try {
      const res = await fetch(this.opts.wavUrl(ticketId), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (res.status !== 200 || !/audio\//.test(res.headers.get('content-type') ?? '')) return null;
      return await res.arrayBuffer();
    } catch {
      return null;
    }
  }

  /** A two-tone 叮咚 (E5 then C5, bell-like decay), made once; no sound file to ship. */
  private chime(ctx: AudioContext): AudioBuffer {
    if (this.chimeBuffer) return this.chimeBuffer;
    const rate = ctx.sampleRate;
    const toneSeconds = 0.6;
    const buffer = ctx.createBuffer(1, Math.round(rate * toneSeconds * 2), rate);
    const data = buffer.getChannelData(0);
    const tones = [659.25, 523.25];
    tones.forEach((freq, i) => {
      const offset = Math.round(i * toneSeconds * rate);
      for (let n = 0; n < toneSeconds * rate; n++) {
        const t = n / rate;
        const envelope = Math.min(1, t / 0.01) * Math.exp(-4 * t);
        data[offset + n] = 0.5 * envelope * (Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t));
      }
    });
    this.chimeBuffer = buffer;
    return buffer;
  }
}
